// Compression for tRPC answers and event streams, when the browser accepts it: the overview's list of
// 10,000 deliveries is about 9 MB of JSON and under 0.5 MB compressed. Each Server-Sent Event still
// leaves at once: it is written whole and flushed (res.flush, which compression provides; see
// subscription-events.ts).
// Every open stream keeps a compressor, so their windows are small (64 KB brotli, 8 KB gzip).
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants } from "node:zlib";
import compression from "compression";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const compressed = /^(application\/json|text\/event-stream)\b/;

const compress = compression({
  brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_LGWIN]: 16 } },
  level: 6,
  windowBits: 13,
  memLevel: 6,
  threshold: 1024,
  filter: (_req: IncomingMessage, res: ServerResponse) =>
    compressed.test(String(res.getHeader("content-type") ?? "")),
}) as unknown as Middleware;

type Listener = (...args: unknown[]) => void;

/**
 * compression hands `drain` listeners to its compressor, but a `once("drain")` wrapper removes itself
 * from the response, where it never was: every write that waited for drain (tRPC's adapter and
 * subscription-events.ts both wait) left a listener behind on a long-lived event stream. These keep
 * `once` and `off` for drain on the emitter that actually holds the listener.
 */
function keepDrainListenersBounded(res: ServerResponse): void {
  const proxiedOn = res.on;
  const removeOwn = res.removeListener;
  const held = new Map<Listener, { emitter: NodeJS.EventEmitter; wrapped: Listener }>();
  const release = (listener: Listener) => {
    const entry = held.get(listener);
    if (!entry) return false;
    held.delete(listener);
    entry.emitter.removeListener("drain", entry.wrapped);
    return true;
  };
  res.once = function once(this: ServerResponse, type: string | symbol, listener: Listener) {
    if (type !== "drain") return EventEmitter.prototype.once.call(this, type, listener) as ServerResponse;
    const wrapped: Listener = (...args) => {
      release(listener);
      listener.apply(this, args);
    };
    const emitter = proxiedOn.call(this, "drain", wrapped) as NodeJS.EventEmitter;
    held.set(listener, { emitter, wrapped });
    return this;
  } as ServerResponse["once"];
  res.removeListener = function removeListener(
    this: ServerResponse,
    type: string | symbol,
    listener: Listener,
  ) {
    if (type === "drain" && release(listener)) return this;
    return removeOwn.call(this, type, listener) as ServerResponse;
  } as ServerResponse["removeListener"];
  res.off = res.removeListener;
}

export const compressAnswers: Middleware = (req, res, next) => {
  // Event streams are marked `Cache-Control: no-transform` (tRPC's marking), meant for proxies between
  // us and the browser; as the origin we may still compress them, so compression must not see it.
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    setHeader(
      name,
      name.toLowerCase() === "cache-control" ? String(value).replace(/,?\s*no-transform\b/i, "") : value,
    );
  compress(req, res, next);
  keepDrainListenersBounded(res);
};
