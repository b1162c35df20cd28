// The address of the person's client. Requests through Rollscope's web server arrive from loopback with
// X-Forwarded-For set by that server (it overwrites what a client sent), so its last entry is the
// browser's address; anything else is the socket's peer.
import type { IncomingMessage } from "node:http";

const loopback = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  const forwarded = req.headers["x-forwarded-for"];
  if (!loopback.has(peer) || typeof forwarded !== "string") return peer;
  const last = forwarded.split(",").pop()?.trim();
  return last && last.length <= 64 ? last : peer;
}
