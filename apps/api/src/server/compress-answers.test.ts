// tRPC answers gzipped for a browser that accepts it, and Server-Sent Events still leaving one by one.

import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, get, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, createGunzip, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices, type RunningServices } from "../runtime/create-services";
import { compressAnswers } from "./compress-answers";
import { createApiServer, listen } from "./http-server";

function request(url: string, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, { headers }, resolve).on("error", reject));
}

async function body(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("compressed answers", () => {
  let running: RunningServices;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    running = await createServices([], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-gzip-")),
      readOnly: false,
      log: silentLogger(),
    });
    await running.start();
    server = createApiServer(running.services, { allowedOrigins: [] });
    base = `http://127.0.0.1:${await listen(server, "127.0.0.1", 0)}`;
  });
  afterAll(async () => {
    server.close();
    await running.stop();
  });

  const listUrl = () => `${base}/api/trpc/clusters.list`;

  it("compresses a query's JSON when the client accepts it (brotli first), and not otherwise", async () => {
    const brotli = await request(listUrl(), { "accept-encoding": "gzip, deflate, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(await body(brotli)).toString("utf8"))).toEqual({
      result: { data: [] },
    });
    const zipped = await request(listUrl(), { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    const json = JSON.parse(gunzipSync(await body(zipped)).toString("utf8"));
    expect(json).toEqual({ result: { data: [] } });

    const plain = await request(listUrl(), {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse((await body(plain)).toString("utf8"))).toEqual({ result: { data: [] } });
  });

  it("sends each event of a gzipped stream as it happens, without waiting for the stream to end", async () => {
    const input = encodeURIComponent(JSON.stringify({ filters: {} }));
    const res = await request(`${base}/api/trpc/deliveries.watchList?input=${input}`, {
      accept: "text/event-stream",
      "accept-encoding": "gzip",
    });
    expect(res.headers["content-type"]).toMatch(/text\/event-stream/);
    expect(res.headers["content-encoding"]).toBe("gzip");
    const gunzip = createGunzip();
    res.pipe(gunzip);
    let text = "";
    // The stream stays open after the snapshot: seeing its last page proves it was flushed.
    for await (const chunk of gunzip) {
      text += (chunk as Buffer).toString("utf8");
      if (text.includes('"complete":true')) break;
    }
    expect(text).toMatch(/"type":"snapshot"/);
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.complete).toBe(false);
    res.destroy();
  });

  it("leaves no drain listener behind when a slow reader makes every write wait (as tRPC waits)", async () => {
    let listenersLeft = -1;
    let waits = 0;
    const slow = createServer((req, res) =>
      compressAnswers(req, res, async () => {
        res.setHeader("content-type", "text/event-stream");
        const chunk = randomBytes(64 * 1024).toString("base64");
        let compressor: NodeJS.EventEmitter | undefined;
        let baseline = 0;
        for (let k = 0; k < 60; k++) {
          if (!res.write(`data: ${chunk}\n\n`)) {
            waits++;
            // tRPC's writeResponseBodyChunk: once drain or close, then off for both.
            await new Promise<void>((resolve) => {
              const done = () => {
                res.off("drain", done);
                res.off("close", done);
                resolve();
              };
              res.once("drain", done);
              res.once("close", done);
            });
          }
          (res as unknown as { flush(): void }).flush();
          // The compressor exists once the first write sent the headers; what it holds then is the baseline.
          if (!compressor) {
            compressor = res.on("drain", () => {}) as unknown as NodeJS.EventEmitter;
            baseline = compressor.listenerCount("drain");
          }
        }
        listenersLeft = (compressor?.listenerCount("drain") ?? 0) - baseline;
        res.end();
      }),
    );
    const port = await listen(slow, "127.0.0.1", 0);
    const res = await request(`http://127.0.0.1:${port}/`, { "accept-encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    for await (const _ of res) await new Promise((r) => setTimeout(r, 5));
    slow.close();
    expect(waits).toBeGreaterThan(5);
    expect(listenersLeft).toBe(0);
  });
});
