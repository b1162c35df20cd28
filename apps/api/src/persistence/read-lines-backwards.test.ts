import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLinesBackwards } from "./read-lines-backwards";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function linesOf(text: string, options: Parameters<typeof readLinesBackwards>[1]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-lines-"));
  dirs.push(dir);
  const path = join(dir, "log");
  writeFileSync(path, text);
  const out: string[] = [];
  for await (const line of readLinesBackwards(path, options)) out.push(line);
  return out;
}

describe("reading a file's lines backwards", () => {
  it("yields every line newest first, whatever the chunk boundaries and multi-byte characters", async () => {
    const text = "première ligne\n\nsecond — line\n🚀 third\nlast, without a newline";
    const expected = text
      .split("\n")
      .filter((l) => l !== "")
      .reverse();
    for (const chunkBytes of [1, 2, 3, 5, 7, 64, 4096]) {
      expect(await linesOf(text, { chunkBytes })).toEqual(expected);
      expect(await linesOf(`${text}\n`, { chunkBytes })).toEqual(expected);
    }
  });

  it("skips a line longer than the bound instead of holding it", async () => {
    const text = `old\n${"x".repeat(100)}\nnew\n`;
    for (const chunkBytes of [3, 8, 1000])
      expect(await linesOf(text, { chunkBytes, maxLineBytes: 20 })).toEqual(["new", "old"]);
  });
});
