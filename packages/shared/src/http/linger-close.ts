// (Servers only.) After refusing a request whose body is still arriving, read and drop that body for a
// moment before closing: closing at once resets the connection, and a reset can discard the refusal
// before the client reads it. Bounded in bytes and time, so a huge or endless body cannot hold the
// connection open.
import type { IncomingMessage } from "node:http";

export function lingerThenClose(req: IncomingMessage, maxBytes = 8 * 1024 * 1024, maxMs = 2_000): void {
  if (req.complete) return;
  let dropped = 0;
  const close = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(close, maxMs);
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > maxBytes) close();
  });
  req.once("end", () => {
    clearTimeout(timer);
    req.socket.end();
  });
  req.resume();
}
