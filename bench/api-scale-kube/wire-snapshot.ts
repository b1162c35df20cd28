// A tab opening the live list as a browser does over plain HTTP (Accept-Encoding: gzip, deflate): the
// bytes that cross the wire until it has the whole list, and when its first page and its last arrive.
import { get } from "node:http";
import { createGunzip } from "node:zlib";

export interface WireSnapshot {
  firstPageMs: number;
  completeMs: number;
  wireBytes: number;
  jsonBytes: number;
}

export function wireSnapshot(url: string): Promise<WireSnapshot> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = get(
      url,
      { headers: { accept: "text/event-stream", "accept-encoding": "gzip, deflate" } },
      (res) => {
        let wireBytes = 0;
        let jsonBytes = 0;
        let firstPageMs: number | undefined;
        let tail = "";
        res.on("data", (chunk: Buffer) => {
          wireBytes += chunk.length;
        });
        const text = res.headers["content-encoding"] === "gzip" ? res.pipe(createGunzip()) : res;
        text.on("data", (chunk: Buffer) => {
          jsonBytes += chunk.length;
          const seen = tail + chunk.toString("utf8");
          if (firstPageMs === undefined && seen.includes('"type":"snapshot"'))
            firstPageMs = performance.now() - start;
          if (seen.includes('"complete":true')) {
            resolve({
              firstPageMs: firstPageMs ?? 0,
              completeMs: performance.now() - start,
              wireBytes,
              jsonBytes,
            });
            req.destroy();
          }
          tail = seen.slice(-64);
        });
        text.on("error", () => {});
      },
    );
    req.on("error", (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}
