// Compression for tRPC answers and event streams, when the browser accepts it: the overview's list of
// 10,000 deliveries is about 9 MB of JSON and under 0.5 MB compressed. tRPC flushes after every chunk
// it writes (res.flush, which compression provides), so each Server-Sent Event still leaves at once.
// Every open stream keeps a compressor, so their windows are small (64 KB brotli, 8 KB gzip).
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

export const compressAnswers: Middleware = (req, res, next) => {
  // tRPC marks its event streams `Cache-Control: no-transform`, meant for proxies between us and the
  // browser; as the origin we may still compress them, so compression must not see it.
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    setHeader(
      name,
      name.toLowerCase() === "cache-control" ? String(value).replace(/,?\s*no-transform\b/i, "") : value,
    );
  compress(req, res, next);
};
