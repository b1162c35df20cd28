// Reads one snapshot file found by findSnapshotFiles, never blocking and never reading more than the
// limits allow. The file may have changed since it was examined (a check-then-open race): it is opened
// without following links and without blocking (a FIFO swapped in opens at once instead of waiting
// for a writer), then examined again on the open handle before a byte is read.
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { describeFileType } from "./describe-file-type";
import type { SnapshotFileCandidate } from "./find-snapshot-files";
import { formatByteSize } from "./format-byte-size";
import type { SnapshotLimits } from "./snapshot-limits";

export type SnapshotFileRead = { ok: true; bytes: Buffer } | { ok: false; message: string };

// Not every platform defines these; where one is missing the fstat check below still refuses.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Why a file of this size may not be read, given the bytes already read from the folder. */
function sizeProblem(
  size: number,
  format: "json" | "yaml",
  bytesAlreadyRead: number,
  limits: SnapshotLimits,
): string | undefined {
  if (size > limits.maxFileBytes) {
    return `is ${formatByteSize(size)}, over the ${formatByteSize(limits.maxFileBytes)} limit for one snapshot file; not read`;
  }
  if (format === "yaml" && size > limits.maxYamlFileBytes) {
    return `is ${formatByteSize(size)}, over the ${formatByteSize(limits.maxYamlFileBytes)} limit for one YAML snapshot file (parsing YAML takes far more memory than JSON: dump it with \`kubectl get -o json\` instead); not read`;
  }
  if (bytesAlreadyRead + size > limits.maxTotalBytes) {
    return `is ${formatByteSize(size)}, which would take the snapshot past its ${formatByteSize(limits.maxTotalBytes)} limit for all files (${formatByteSize(bytesAlreadyRead)} already read); not read`;
  }
  return undefined;
}

export async function readSnapshotFile(
  file: SnapshotFileCandidate,
  bytesAlreadyRead: number,
  limits: SnapshotLimits,
): Promise<SnapshotFileRead> {
  const before = sizeProblem(file.size, file.format, bytesAlreadyRead, limits);
  if (before) return { ok: false, message: before };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file.realPath, openFlags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { ok: false, message: "became a symbolic link while loading; not read" };
    return { ok: false, message: `could not be opened (${code ?? (error as Error).message})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      return { ok: false, message: `is ${describeFileType(info)}, not a regular file; skipped` };
    }
    const now = sizeProblem(info.size, file.format, bytesAlreadyRead, limits);
    if (now) return { ok: false, message: now };
    // Read what was measured, no more: a file still growing is read as it was when examined.
    const bytes = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { ok: true, bytes: bytes.subarray(0, filled) };
  } catch (error) {
    return {
      ok: false,
      message: `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  } finally {
    await handle.close();
  }
}
