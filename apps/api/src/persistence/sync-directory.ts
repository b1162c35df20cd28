// A rename or a new file is only durable once its directory entry is: fsync the directory itself.
import { open } from "node:fs/promises";

/** Errors from platforms that cannot open or fsync a directory (Windows); there is nothing more to do. */
const unsupported = new Set(["EISDIR", "EPERM", "EINVAL"]);

export async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(directory, "r");
  } catch (error) {
    if (unsupported.has((error as NodeJS.ErrnoException).code ?? "")) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!unsupported.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
  } finally {
    await handle.close();
  }
}
