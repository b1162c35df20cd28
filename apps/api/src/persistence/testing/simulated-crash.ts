// For tests: a node:fs/promises whose file writes, once `simulatedCrash.armed`, put half the bytes on
// disk and then never finish, as if the process died in the middle of the write (`happened` turns
// true once the half is on disk). Used with
//   vi.mock("node:fs/promises", async (original) =>
//     (await import("../persistence/testing/simulated-crash")).crashingFsPromises(await original()));
import type * as fsPromises from "node:fs/promises";

type FsPromises = typeof fsPromises;

export const simulatedCrash = {
  armed: false,
  happened: false,
  reset(): void {
    this.armed = false;
    this.happened = false;
  },
};

const halfOf = (data: unknown): string | Uint8Array => {
  if (typeof data === "string") return data.slice(0, Math.floor(data.length / 2));
  if (data instanceof Uint8Array) return data.subarray(0, Math.floor(data.length / 2));
  throw new Error("the simulated crash only knows strings and bytes");
};

const never = () => new Promise<never>(() => {});

export function crashingFsPromises(real: FsPromises): FsPromises {
  const writeFile: FsPromises["writeFile"] = async (file, data, options) => {
    if (!simulatedCrash.armed) return real.writeFile(file, data, options);
    await real.writeFile(file, halfOf(data), options);
    simulatedCrash.happened = true;
    return never();
  };
  const open: FsPromises["open"] = async (...args) => {
    const handle = await real.open(...args);
    if (!simulatedCrash.armed) return handle;
    const writeHalf = async (data: unknown) => {
      await real.appendFile(handle, halfOf(data));
      // The operating system closes a dead process's files.
      await handle.close();
      simulatedCrash.happened = true;
      return never();
    };
    return Object.assign(handle, { writeFile: writeHalf, appendFile: writeHalf });
  };
  return { ...real, writeFile, open, default: { ...real, writeFile, open } } as FsPromises;
}
