// tRPC answers gzipped for a browser that accepts it, and Server-Sent Events still leaving one by one.
import { mkdtempSync } from "node:fs";
import { get, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, createGunzip, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices, type RunningServices } from "../runtime/create-services";
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
});
