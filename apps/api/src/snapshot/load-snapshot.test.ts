// A snapshot folder is not trusted: every file that cannot be read safely is a per-file error naming
// it, and the rest of the folder still loads.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSnapshot } from "./load-snapshot";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-snapshot-"));
  made.push(dir);
  return dir;
}

function podYaml(name: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
}

function names(objects: unknown[]): string[] {
  return objects.map((o) => (o as { metadata: { name: string } }).metadata.name).sort();
}

/** A snapshot folder holding one good file, plus whatever the test adds. */
function snapshotWithGoodFile(): string {
  const dir = tempDir();
  writeFileSync(join(dir, "good.yaml"), podYaml("good"));
  return dir;
}

describe("loading a snapshot folder that holds bad files", () => {
  it("reports a dangling .yaml symlink and loads the rest", async () => {
    const dir = snapshotWithGoodFile();
    symlinkSync("missing.yaml", join(dir, "gone.yaml"));
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["good"]);
    expect(loaded.errors).toEqual([
      { file: join(dir, "gone.yaml"), message: "is a symbolic link to missing.yaml, which does not exist" },
    ]);
  });

  it("skips a FIFO with an error instead of waiting for a writer forever", async () => {
    const dir = snapshotWithGoodFile();
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["good"]);
    expect(loaded.errors).toEqual([
      { file: join(dir, "pipe.yaml"), message: "is a named pipe (FIFO), not a regular file; skipped" },
    ]);
  });

  it("follows no symlink out of the folder, to a file or to a folder", async () => {
    const outside = tempDir();
    writeFileSync(join(outside, "secret.yaml"), podYaml("secret"));
    const dir = snapshotWithGoodFile();
    symlinkSync(join(outside, "secret.yaml"), join(dir, "secret.yaml"));
    symlinkSync(outside, join(dir, "elsewhere"));
    symlinkSync(outside, join(dir, "folder.yaml"));
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["good"]);
    const leaving = (name: string, target: string) => ({
      file: join(dir, name),
      message: `is a symbolic link to ${target}, outside the snapshot folder; not followed`,
    });
    expect(loaded.errors).toEqual([
      leaving("elsewhere", outside),
      leaving("folder.yaml", outside),
      leaving("secret.yaml", join(outside, "secret.yaml")),
    ]);
  });

  it("walks a symlinked folder inside the snapshot once, and a link back up the tree not at all", async () => {
    const dir = snapshotWithGoodFile();
    mkdirSync(join(dir, "bundle"));
    writeFileSync(join(dir, "bundle", "pods.yaml"), `${podYaml("a")}---\n${podYaml("b")}`);
    symlinkSync("bundle", join(dir, "current.yaml")); // a link to a folder, named like a file
    symlinkSync("..", join(dir, "bundle", "up")); // a cycle
    symlinkSync("bundle/pods.yaml", join(dir, "pods-again.yaml")); // the same file twice
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["a", "b", "good"]);
    expect(loaded.errors).toEqual([]);
  });

  it("refuses a 600 MB file by its size, naming the size and the limit, without reading it", async () => {
    const dir = snapshotWithGoodFile();
    const huge = join(dir, "huge.yaml");
    writeFileSync(huge, "");
    truncateSync(huge, 600 * 1024 * 1024); // sparse: takes no disk
    const started = Date.now();
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["good"]);
    expect(loaded.errors).toEqual([
      { file: huge, message: "is 600 MiB, over the 64 MiB limit for one snapshot file; not read" },
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("gives YAML files, which take far more memory to parse, a lower limit than JSON", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "pods.yaml"), podYaml("from-yaml").padEnd(2048));
    writeFileSync(
      join(dir, "pods.json"),
      JSON.stringify({ kind: "Pod", metadata: { name: "from-json" } }).padEnd(2048),
    );
    const loaded = await loadSnapshot(dir, { maxYamlFileBytes: 1024 });
    expect(names(loaded.objects)).toEqual(["from-json"]);
    expect(loaded.errors).toEqual([
      {
        file: join(dir, "pods.yaml"),
        message:
          "is 2 KiB, over the 1 KiB limit for one YAML snapshot file (parsing YAML takes far more memory than JSON: dump it with `kubectl get -o json` instead); not read",
      },
    ]);
  });

  it("stops reading files once the folder's total would pass its limit, and caps the file count", async () => {
    const dir = tempDir();
    for (const name of ["a", "b", "c"]) writeFileSync(join(dir, `${name}.yaml`), podYaml(name).padEnd(600));
    const bySize = await loadSnapshot(dir, { maxFileBytes: 1000, maxTotalBytes: 1500 });
    expect(names(bySize.objects)).toEqual(["a", "b"]);
    expect(bySize.errors).toEqual([
      {
        file: join(dir, "c.yaml"),
        message:
          "is 600 bytes, which would take the snapshot past its 1.5 KiB limit for all files (1.2 KiB already read); not read",
      },
    ]);
    const byCount = await loadSnapshot(dir, { maxFiles: 2 });
    expect(names(byCount.objects)).toEqual(["a", "b"]);
    expect(byCount.errors).toEqual([
      {
        file: dir,
        message: "holds 3 YAML/JSON files, more than the 2 read from one snapshot; 1 were skipped",
      },
    ]);
  });
});

describe("reading the text of snapshot files", () => {
  it("reads UTF-16 with a byte order mark (PowerShell redirection) and refuses text that is not UTF-8", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "windows.yaml"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(podYaml("win"), "utf16le")]),
    );
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from(podYaml("caf\xe9"), "latin1"));
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["win"]);
    expect(loaded.errors).toEqual([
      {
        file: join(dir, "latin1.yaml"),
        message: "is not UTF-8 text (nor UTF-16 with a byte order mark); not read",
      },
    ]);
  });

  it("keeps YAML alias expansion bounded", async () => {
    const dir = snapshotWithGoodFile();
    // Nine levels of ten aliases each: a billion strings if expanded.
    const levels = ["a: &l0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(", ")}]`,
      );
    writeFileSync(join(dir, "laughs.yaml"), `${levels.join("\n")}\n`);
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["good"]);
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]?.file).toBe(join(dir, "laughs.yaml"));
    expect(loaded.errors[0]?.message).toMatch(/^could not be parsed: Excessive alias count/);
  });

  it("refuses documents nested deeper than objects ever are, before a recursive parser sees them", async () => {
    const dir = snapshotWithGoodFile();
    const depth = 100_000;
    writeFileSync(join(dir, "deep.json"), `${"[".repeat(depth)}${"]".repeat(depth)}`);
    writeFileSync(join(dir, "deep.yaml"), `a: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["good"]);
    const tooDeep =
      "could not be parsed: it nests more than 200 levels deep, deeper than any Kubernetes object";
    expect(loaded.errors).toEqual([
      { file: join(dir, "deep.json"), message: tooDeep },
      { file: join(dir, "deep.yaml"), message: tooDeep },
    ]);
  });

  it("names the line and column of a YAML error", async () => {
    const dir = snapshotWithGoodFile();
    writeFileSync(
      join(dir, "broken.yaml"),
      `${podYaml("first")}---\nkind: Pod\nmetadata: {name: [unclosed\n`,
    );
    const loaded = await loadSnapshot(dir);
    expect(names(loaded.objects)).toEqual(["good"]);
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0]?.message).toMatch(/^could not be parsed: .+ \(line \d+, column \d+\)$/);
  });
});
