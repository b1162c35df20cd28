// What a person sees of a snapshot folder's problems: objects with names no Kubernetes object can have
// are listed among the cluster's invalid objects (the overview's notices), and unreadable files are
// named in the cluster's health while everything else loads.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SnapshotClusterSource } from "./snapshot-source";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-snapshot-source-"));
  made.push(dir);
  return dir;
}

function pod(name: string, namespace = "shop") {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace } };
}

describe("snapshot cluster source", () => {
  it("lists objects whose name or namespace Kubernetes would refuse as invalid, with the reason", async () => {
    const dir = tempDir();
    const long = "x".repeat(254);
    const list = { kind: "List", items: [pod("good"), pod("team/web"), pod(long), pod("api", "a/b")] };
    writeFileSync(join(dir, "pods.json"), JSON.stringify(list));
    const source = new SnapshotClusterSource(dir);
    await source.start();

    expect(source.store.list("Pod").map((p) => p.metadata.name)).toEqual(["good"]);
    expect(
      source.store
        .invalidObjects()
        .map(({ kind, namespace, name, message }) => ({ kind, namespace, name, message })),
    ).toEqual([
      {
        kind: "Pod",
        namespace: "shop",
        name: "team/web",
        message:
          'Pod shop/team/web is not shown: metadata.name contains "/", which no Kubernetes name may contain',
      },
      {
        kind: "Pod",
        namespace: "shop",
        name: `${"x".repeat(80)}…`,
        message: `Pod shop/${"x".repeat(80)}… is not shown: metadata.name is 254 characters long, more than the 253 a Kubernetes name may have`,
      },
      {
        kind: "Pod",
        namespace: "a/b",
        name: "api",
        message:
          'Pod a/b/api is not shown: metadata.namespace contains "/", which no Kubernetes name may contain',
      },
    ]);
  });

  it("names each unreadable file in its health and loads the rest", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "good.json"), JSON.stringify(pod("good")));
    writeFileSync(join(dir, "big.json"), JSON.stringify(pod("big")).padEnd(2048));
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    symlinkSync("nowhere.yaml", join(dir, "gone.yaml"));
    writeFileSync(join(dir, "zz-broken.yaml"), "kind: [\n");
    const source = new SnapshotClusterSource(dir, "bundle", undefined, { maxFileBytes: 1024 });
    await source.start();

    expect(source.store.list("Pod").map((p) => p.metadata.name)).toEqual(["good"]);
    const health = source.health();
    expect(health).toMatchObject({ state: "connected", synced: true });
    expect(source.fileErrors.map((e) => e.file)).toEqual([
      join(dir, "gone.yaml"),
      join(dir, "pipe.yaml"),
      join(dir, "big.json"),
      join(dir, "zz-broken.yaml"),
    ]);
    expect(health.lastError).toBe(
      `4 files of the snapshot could not be loaded: ${join(dir, "gone.yaml")} is a symbolic link to nowhere.yaml, which does not exist; ${join(dir, "pipe.yaml")} is a named pipe (FIFO), not a regular file; skipped; ${join(dir, "big.json")} is 2 KiB, over the 1 KiB limit for one snapshot file; not read; and 1 more`,
    );
  });
});
