// (Servers and tests only.) The last characters a child process has written, kept for the message
// that says why it stopped or never became ready; older output is dropped as more arrives.
import type { Readable } from "node:stream";

/** Follows `streams` from now on; the answer is their latest `maxChars` characters, interleaved. */
export function outputTail(
  streams: ReadonlyArray<Readable | null | undefined>,
  maxChars: number,
): () => string {
  let tail = "";
  for (const stream of streams)
    stream?.on("data", (chunk: Buffer | string) => {
      tail = (tail + chunk.toString()).slice(-maxChars);
    });
  return () => tail;
}
