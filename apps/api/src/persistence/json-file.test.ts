import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { JsonFile } from "./json-file";
import { simulatedCrash } from "./testing/simulated-crash";

vi.mock("node:fs/promises", async (original) =>
  (await import("./testing/simulated-crash")).crashingFsPromises(await original()),
);

const schema = z.object({ version: z.number(), items: z.array(z.string()) });
type Doc = z.infer<typeof schema>;

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "rollscope-json-file-"));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  simulatedCrash.reset();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a JSON file saved atomically", () => {
  it("reads nothing when nothing was saved, and reads back what was saved", async () => {
    const path = join(tempDir(), "state.json");
    const file = new JsonFile<Doc>(path, schema);
    expect(file.read()).toBeUndefined();
    await file.save({ version: 1, items: ["a"] });
    expect(new JsonFile<Doc>(path, schema).read()).toEqual({ version: 1, items: ["a"] });
  });

  it("still holds the previous complete document after a crash in the middle of a save", async () => {
    const dir = tempDir();
    const path = join(dir, "state.json");
    await new JsonFile<Doc>(path, schema).save({ version: 1, items: ["kept"] });

    simulatedCrash.armed = true;
    void new JsonFile<Doc>(path, schema).save({ version: 2, items: ["x".repeat(10_000)] });
    await vi.waitFor(() => expect(simulatedCrash.happened).toBe(true));
    simulatedCrash.armed = false;
    expect(readdirSync(dir)).toHaveLength(2);

    // The restarted process: the target is whole, and the half-written temp file is cleared away.
    expect(new JsonFile<Doc>(path, schema).read()).toEqual({ version: 1, items: ["kept"] });
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it.each([
    ["torn", '{"version": 3, "items": ["a", "b'],
    ["empty", ""],
    ["not what was saved", '{"version": "three"}'],
  ])("refuses a %s file, naming it and saying it was kept, and leaves it unchanged", (_, content) => {
    const path = join(tempDir(), "state.json");
    writeFileSync(path, content);
    expect(() => new JsonFile<Doc>(path, schema).read()).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/state\.json .*kept/) }),
    );
    expect(readFileSync(path, "utf8")).toBe(content);
  });

  it("refuses a file it cannot read, naming it", () => {
    const path = join(tempDir(), "state.json");
    mkdirSync(path);
    expect(() => new JsonFile<Doc>(path, schema).read()).toThrow(`${path} could not be read`);
    expect(existsSync(path)).toBe(true);
  });

  it("writes overlapping saves one after another and ends with the last", async () => {
    const path = join(tempDir(), "state.json");
    const file = new JsonFile<Doc>(path, schema);
    const saves = Array.from({ length: 40 }, (_, i) =>
      file.save({ version: i, items: Array.from({ length: 200 }, () => `item ${i}`) }),
    );
    await Promise.all(saves);
    expect(new JsonFile<Doc>(path, schema).read()?.version).toBe(39);
    await file.save({ version: 40, items: [] });
    expect(new JsonFile<Doc>(path, schema).read()).toEqual({ version: 40, items: [] });
  });
});
