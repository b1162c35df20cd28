// The dashboard's front door over real HTTP, with a real upstream standing in for the API: Host
// allow-list, security headers and the CSP nonce handed to Next, and a proxy that forwards its own
// facts (never a client's X-Forwarded-*), streams answers and bounds bodies.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostPolicy } from "@rollscope/shared/http/host-policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebServer } from "./web-server";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    let answered = false;
    const req = request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers ?? {} },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    req.end(options.body);
  });
}

describe("the dashboard's web server", () => {
  let api: Server;
  let web: Server;
  let port: number;
  const seen: Record<string, string | string[] | undefined>[] = [];
  const pageRequests: Record<string, string | string[] | undefined>[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      seen.push(req.headers);
      if (req.url?.startsWith("/api/stream")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("data: first\n\n");
        return;
      }
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json", connection: "keep-alive" });
        res.end(JSON.stringify({ url: req.url }));
      });
    });
    await new Promise<void>((r) => api.listen(0, "127.0.0.1", () => r()));
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    // The policy names the port the browser uses, so find a free one first.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    web = createWebServer({
      hosts: hostPolicy({ ports: [port], allowedHosts: ["rollscope.example.com"] }),
      apiUrl,
      pages: async (req, res) => {
        pageRequests.push(req.headers);
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html></html>");
      },
    });
    await new Promise<void>((r) => web.listen(port, "127.0.0.1", () => r()));
  });
  afterAll(() => {
    web.closeAllConnections();
    web.close();
    api.closeAllConnections();
    api.close();
  });

  it("refuses a rebinding Host on pages and on /api alike, and never reaches Next or the API", async () => {
    const before = seen.length;
    const page = await call(port, "/", { headers: { host: `evil.example:${port}` } });
    expect(page.status).toBe(403);
    expect(page.body).toMatch(/not served as evil.example/);
    const data = await call(port, "/api/trpc/clusters.list", { headers: { host: `evil.example:${port}` } });
    expect(data.status).toBe(403);
    expect(seen.length).toBe(before);
    expect(pageRequests.every((h) => h.host !== `evil.example:${port}`)).toBe(true);
  });

  it("serves pages with a nonce-based CSP that Next also receives, and no framing", async () => {
    const page = await call(port, "/", { headers: { host: "rollscope.example.com" } });
    expect(page.status).toBe(200);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(pageRequests.at(-1)?.["content-security-policy"]).toBe(csp);
    const again = await call(port, "/", { headers: { host: "rollscope.example.com" } });
    expect(again.headers["content-security-policy"]).not.toBe(csp);
  });

  it("forwards the Host the browser used and its address, overwriting what the client claimed", async () => {
    const res = await call(port, "/api/trpc/clusters.list", {
      headers: {
        host: `localhost:${port}`,
        "x-forwarded-host": "localhost:3100",
        "x-forwarded-for": "1.2.3.4",
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers["x-frame-options"]).toBe("DENY");
    const headers = seen.at(-1);
    expect(headers?.["x-forwarded-host"]).toBe(`localhost:${port}`);
    expect(headers?.["x-forwarded-for"]).toBe("127.0.0.1");
  });

  it("streams event streams as they are written", async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/api/stream", headers: { host: `127.0.0.1:${port}` } },
        (res) => {
          res.once("data", (chunk: Buffer) => {
            resolve(chunk.toString());
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(first).toBe("data: first\n\n");
  });

  it("refuses bodies over 1 MiB, declared or streamed", async () => {
    const declared = await call(port, "/api/trpc/actions.restart", {
      method: "POST",
      headers: { host: `127.0.0.1:${port}` },
      body: Buffer.alloc(2 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      let answered = false;
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/trpc/actions.restart",
          method: "POST",
          headers: { host: `127.0.0.1:${port}`, "transfer-encoding": "chunked" },
        },
        (res) => {
          answered = true;
          resolve(res.statusCode ?? 0);
        },
      );
      // The server closes the connection once it has answered; a write after that fails harmlessly.
      req.on("error", (error) => (answered ? undefined : reject(error)));
      // Written as a client streams, a chunk at a time, until the server answers.
      const writeNext = (left: number) => {
        if (answered || left === 0) return void req.end();
        req.write(Buffer.alloc(64 * 1024), () => setTimeout(() => writeNext(left - 1), 5));
      };
      writeNext(40);
    });
    expect(streamed).toBe(413);
  });
});
