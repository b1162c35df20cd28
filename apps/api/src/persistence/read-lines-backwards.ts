// The lines of a file, last line first, read in fixed-size chunks from the end: the newest lines of a
// log of any size cost only the bytes they occupy, and no string ever holds more than one line.
import { open } from "node:fs/promises";

const newline = 0x0a;

export interface ReadLinesBackwardsOptions {
  chunkBytes?: number;
  /** Longer lines are skipped instead of being held in memory whole. */
  maxLineBytes?: number;
}

/**
 * Yields each non-empty line without its newline, newest first. Splitting on the newline byte is
 * safe for UTF-8, where 0x0a never occurs inside a multi-byte character. Stopping the iteration
 * early closes the file.
 */
export async function* readLinesBackwards(
  path: string,
  { chunkBytes = 64 * 1024, maxLineBytes = 16 * 1024 * 1024 }: ReadLinesBackwardsOptions = {},
): AsyncGenerator<string> {
  const handle = await open(path, "r");
  try {
    let position = (await handle.stat()).size;
    /** The end of a line whose beginning lies further back, in file order. */
    let tail: Buffer[] = [];
    let tailBytes = 0;
    let skippingLongLine = false;
    while (position > 0) {
      const length = Math.min(chunkBytes, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(chunk, read, length - read, position + read);
        if (bytesRead === 0) throw new Error(`${path} shrank while it was being read`);
        read += bytesRead;
      }
      let end = chunk.length;
      let at = chunk.lastIndexOf(newline);
      if (at < 0) {
        if (skippingLongLine) continue;
        tail.unshift(chunk);
        tailBytes += chunk.length;
        if (tailBytes > maxLineBytes) {
          tail = [];
          tailBytes = 0;
          skippingLongLine = true;
        }
        continue;
      }
      const lineBytes = end - at - 1 + tailBytes;
      if (!skippingLongLine && lineBytes > 0 && lineBytes <= maxLineBytes)
        yield Buffer.concat([chunk.subarray(at + 1, end), ...tail]).toString("utf8");
      skippingLongLine = false;
      end = at;
      while (end > 0) {
        at = chunk.lastIndexOf(newline, end - 1);
        if (at < 0) break;
        if (end - at > 1 && end - at - 1 <= maxLineBytes) yield chunk.toString("utf8", at + 1, end);
        end = at;
      }
      // Copied so the rest of the chunk can be freed.
      skippingLongLine = end > maxLineBytes;
      tail = end > 0 && !skippingLongLine ? [Buffer.from(chunk.subarray(0, end))] : [];
      tailBytes = skippingLongLine ? 0 : end;
    }
    if (tailBytes > 0 && !skippingLongLine) yield Buffer.concat(tail).toString("utf8");
  } finally {
    await handle.close();
  }
}
