// Prometheus answers are not trusted for size: a real local server streams more than the cap (no
// Content-Length), announces a huge body it never sends, and a body bigger than its header says.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PrometheusClient } from "./prometheus-client";

const mebibyte = 1024 * 1024;
const tooLarge =
  "Prometheus answered more than 16 MiB for this query; narrow it (fewer series or a shorter range)";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A valid range answer of about `totalBytes`: one series with many samples. */
function matrixChunks(totalBytes: number): { head: string; sample: Buffer; count: number; tail: string } {
  const sample = Buffer.from('[1700000000,"0.5"],'.repeat(4096));
  return {
    head: '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[',
    sample,
    count: Math.ceil(totalBytes / sample.length),
    tail: '[1700000001,"0.5"]]}]}}',
  };
}

/** Writes a large answer with backpressure, stopping when the client goes away; resolves bytes written. */
function streamAnswer(res: ServerResponse, totalBytes: number): Promise<number> {
  const { head, sample, count, tail } = matrixChunks(totalBytes);
  let written = 0;
  let sent = 0;
  let closed = false;
  return new Promise((resolve) => {
    res.on("close", () => {
      closed = true;
      resolve(written);
    });
    res.write(head);
    const pump = () => {
      while (!closed && sent < count) {
        sent++;
        written += sample.length;
        if (!res.write(sample)) return void res.once("drain", pump);
      }
      if (!closed) res.end(tail);
    };
    pump();
  });
}

describe("Prometheus answer size", () => {
  it("stops reading a streamed answer without Content-Length once it passes 16 MiB", async () => {
    let serverWrote: Promise<number> = Promise.resolve(0);
    const url = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }); // chunked: no Content-Length
      serverWrote = streamAnswer(res, 48 * mebibyte);
    });
    const client = new PrometheusClient(url);
    const result = await client.range("rate(up[1m])", 0, 600, 15);
    expect(result).toEqual({ ok: false, error: tooLarge });
    // The read was abandoned, not completed and then checked: the server could not send it all.
    expect(await serverWrote).toBeLessThan(40 * mebibyte);
  });

  it("refuses an announced Content-Length over the cap without waiting for the body", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(300 * mebibyte) });
      res.write('{"status":"success",'); // and then nothing: the body never comes
    });
    const client = new PrometheusClient(url, { timeoutMs: 10_000 });
    const started = Date.now();
    const result = await client.instant("up");
    expect(result).toEqual({
      ok: false,
      error:
        "Prometheus answered more than 16 MiB for this query (it announced 300 MiB); narrow it (fewer series or a shorter range)",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("counts the bytes when Content-Length understates the body", async () => {
    const body = `{"status":"success","data":{"resultType":"vector","result":[${'{"metric":{},"value":[1,"1"]},'.repeat(100_000)}{"metric":{},"value":[1,"1"]}]}}`;
    // Fetch implementations differ in how they hold a server to its header; the client must not rely on it.
    const understating = (async () =>
      new Response(new Blob([body]).stream(), {
        headers: { "content-type": "application/json", "content-length": "100" },
      })) as unknown as typeof fetch;
    const client = new PrometheusClient("http://prom", {
      fetch: understating,
      maxAnswerBytes: mebibyte,
      maxSeries: 200_000,
    });
    expect(body.length).toBeGreaterThan(2 * mebibyte);
    expect(await client.instant("up")).toEqual({
      ok: false,
      error:
        "Prometheus answered more than 1 MiB for this query; narrow it (fewer series or a shorter range)",
    });
  });

  it("reads an answer under the cap from a real server, Content-Length or not", async () => {
    const answer = JSON.stringify({
      status: "success",
      data: { resultType: "vector", result: [{ metric: { pod: "a" }, value: [1700000000, "0.97"] }] },
    });
    const chunked = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(answer);
    });
    const declared = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) });
      res.end(answer);
    });
    const expected = { ok: true, value: [{ labels: { pod: "a" }, points: [[1700000000, 0.97]] }] };
    expect(await new PrometheusClient(chunked).instant("up")).toEqual(expected);
    expect(await new PrometheusClient(declared).instant("up")).toEqual(expected);
  });
});

describe("Prometheus answer series", () => {
  const vectorOf = (count: number) =>
    (async () =>
      new Response(
        JSON.stringify({
          status: "success",
          data: {
            resultType: "vector",
            result: Array.from({ length: count }, (_, i) => ({ metric: { pod: `p${i}` }, value: [1, "1"] })),
          },
        }),
      )) as unknown as typeof fetch;

  it("keeps at most 1000 series and says how to narrow the query", async () => {
    const crowded = new PrometheusClient("http://prom", { fetch: vectorOf(1001) });
    expect(await crowded.instant("up")).toEqual({
      ok: false,
      error:
        "Prometheus answered 1001 series for this query, more than the 1000 Rollscope keeps; narrow it (aggregate with sum or add label matchers)",
    });
    const full = await new PrometheusClient("http://prom", { fetch: vectorOf(1000) }).instant("up");
    expect(full.ok && full.value.length).toBe(1000);
  });
});
