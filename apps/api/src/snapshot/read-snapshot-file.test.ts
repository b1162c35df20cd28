// A file can change between being examined and being opened. Whatever it has become, reading it
// neither blocks nor follows a link nor reads past the limits.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readSnapshotFile } from "./read-snapshot-file";
import { defaultSnapshotLimits } from "./snapshot-limits";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-snapshot-read-"));
  made.push(dir);
  return dir;
}

/** A file examined as a small regular file, which is now `realPath` as it is. */
function examinedAsRegular(realPath: string) {
  return { path: realPath, realPath, size: 10, format: "yaml" as const };
}

describe("reading a snapshot file that changed after it was examined", () => {
  it("does not wait for a writer when it became a FIFO", async () => {
    const fifo = join(tempDir(), "swapped.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(await readSnapshotFile(examinedAsRegular(fifo), 0, defaultSnapshotLimits)).toEqual({
      ok: false,
      message: "is a named pipe (FIFO), not a regular file; skipped",
    });
  });

  it("does not follow it when it became a symbolic link", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "target.yaml"), "kind: Pod\n");
    symlinkSync(join(dir, "target.yaml"), join(dir, "swapped.yaml"));
    expect(
      await readSnapshotFile(examinedAsRegular(join(dir, "swapped.yaml")), 0, defaultSnapshotLimits),
    ).toEqual({
      ok: false,
      message: "became a symbolic link while loading; not read",
    });
  });

  it("refuses it when it grew past the limit, measuring the open file before reading", async () => {
    const file = join(tempDir(), "grown.yaml");
    writeFileSync(file, "x".repeat(4096));
    const limits = { ...defaultSnapshotLimits, maxFileBytes: 1024 };
    expect(await readSnapshotFile(examinedAsRegular(file), 0, limits)).toEqual({
      ok: false,
      message: "is 4 KiB, over the 1 KiB limit for one snapshot file; not read",
    });
  });

  it("reads a regular file whole", async () => {
    const file = join(tempDir(), "pod.yaml");
    writeFileSync(file, "kind: Pod\n");
    const read = await readSnapshotFile(examinedAsRegular(file), 0, defaultSnapshotLimits);
    expect(read.ok && read.bytes.toString("utf8")).toBe("kind: Pod\n");
  });
});
