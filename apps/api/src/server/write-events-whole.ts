// tRPC writes each Server-Sent Event in three chunks ("data: …\n", "id: …\n", then "\n\n") and flushes
// after each. With compression that is six compressor passes on the thread pool per event, and three
// socket writes without it; a change sent to 20 tabs paid that 20 times. This joins an event's chunks and
// writes and flushes it once, when its closing blank line arrives. Other answers pass through untouched.
import type { ServerResponse } from "node:http";

type Chunk = string | Uint8Array;
type Write = ServerResponse["write"];
type PlainWrite = (this: ServerResponse, chunk: Chunk, ...rest: unknown[]) => boolean;
type Flushable = ServerResponse & { flush?: () => void };

const LF = 10;

/** An event ends with the blank line tRPC writes on its own; data lines hold JSON, never a bare "\n\n". */
function endsEvent(chunk: Chunk): boolean {
  if (typeof chunk === "string") return chunk.endsWith("\n\n");
  return chunk.length >= 2 && chunk[chunk.length - 1] === LF && chunk[chunk.length - 2] === LF;
}

const isEventStream = (res: ServerResponse) =>
  String(res.getHeader("content-type") ?? "").startsWith("text/event-stream");

const asBuffer = (chunk: Chunk) => (typeof chunk === "string" ? Buffer.from(chunk) : chunk);

export function writeEventsWhole(res: ServerResponse): void {
  const response = res as Flushable;
  const write = response.write as unknown as PlainWrite;
  const end = response.end;
  const flush = response.flush;
  let pending: Chunk[] = [];
  const takePending = (): Chunk | undefined => {
    if (pending.length === 0) return undefined;
    const whole = pending.length === 1 ? pending[0] : Buffer.concat(pending.map(asBuffer));
    pending = [];
    return whole;
  };
  response.write = function writeWhole(this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    // Only tRPC's own form, write(chunk), is joined; anything else first sends what is held, in order.
    if (rest.length > 0 || !isEventStream(this)) {
      const held = takePending();
      if (held !== undefined) write.call(this, held);
      return write.call(this, chunk, ...rest);
    }
    pending.push(chunk);
    if (!endsEvent(chunk)) return true;
    const ok = write.call(this, takePending() as Chunk);
    flush?.call(this);
    return ok;
  } as Write;
  // A held part of an event is sent with the next chunk that ends it; flushing it alone would defeat that.
  if (flush)
    response.flush = function flushWhole(this: ServerResponse) {
      if (!isEventStream(this)) flush.call(this);
    };
  response.end = function endWhole(this: ServerResponse, ...args: unknown[]) {
    const held = takePending();
    if (held !== undefined) write.call(this, held);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
}
