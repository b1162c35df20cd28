// The API port as an attacker meets it: a rebinding page's Host, forwarded Hosts, another origin's
// writes, malformed cookies, oversized bodies and errors — each refused or answered, none fatal, and
// every answer carries the security headers.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices, type RunningServices } from "../runtime/create-services";
import { createApiServer, listen } from "./http-server";
import { rawRequest } from "./test-http";

describe("the API's front door", () => {
  let running: RunningServices;
  let server: Server;
  let base: string;
  let port: number;
  beforeAll(async () => {
    running = await createServices([], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-http-")),
      readOnly: false,
      log: silentLogger(),
    });
    await running.start();
    server = createApiServer(running.services, {
      allowedOrigins: [],
      webPort: 3100,
      allowedHosts: ["rollscope.example.com"],
    });
    port = await listen(server, "127.0.0.1", 0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.close();
    await running.stop();
  });

  it("refuses a DNS-rebinding Host on reads and writes, saying which names it is served as", async () => {
    const read = await rawRequest(base, "/api/trpc/clusters.list", {
      headers: { host: `evil.example:${port}` },
    });
    expect(read.status).toBe(403);
    expect(read.body).toMatch(/not served as evil.example/);
    const write = await rawRequest(base, "/api/trpc/actions.restart", {
      method: "POST",
      headers: { host: `evil.example:${port}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(write.status).toBe(403);
    const session = await rawRequest(base, "/api/session", { headers: { host: `evil.example:${port}` } });
    expect(session.status).toBe(403);
    expect((await rawRequest(base, "/metrics", { headers: { host: `evil.example:${port}` } })).status).toBe(
      403,
    );
    // A forwarded Host is checked as well.
    const forwarded = await rawRequest(base, "/api/trpc/clusters.list", {
      headers: { host: `127.0.0.1:${port}`, "x-forwarded-host": "evil.example:3100" },
    });
    expect(forwarded.status).toBe(403);
  });

  it("answers its own names, the dashboard's loopback names and configured ones", async () => {
    for (const headers of <Record<string, string>[]>[
      { host: `localhost:${port}` },
      { host: `127.0.0.1:${port}`, "x-forwarded-host": "localhost:3100" },
      { host: `127.0.0.1:${port}`, "x-forwarded-host": "rollscope.example.com" },
    ])
      expect(
        (await rawRequest(base, "/api/trpc/clusters.list", { headers })).status,
        JSON.stringify(headers),
      ).toBe(200);
    // Probes and Flagger's webhooks reach the pod under any name.
    expect((await rawRequest(base, "/healthz", { headers: { host: "10.0.0.7:3101" } })).status).toBe(200);
  });

  it("applies the same-origin rule to the address the browser used", async () => {
    const call = (origin: string, forwardedHost: string) =>
      rawRequest(base, "/api/trpc/actions.restart", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin,
          "x-forwarded-host": forwardedHost,
        },
        body: JSON.stringify({ target: { cluster: "none", kind: "Rollout", namespace: "a", name: "b" } }),
      });
    const sibling = await call("http://127.0.0.1:4444", "127.0.0.1:3100");
    expect(sibling.status).toBe(403);
    expect(sibling.body).toMatch(/may not change anything/);
    // The dashboard's own page, reached by its ingress name, is not refused as cross-origin.
    const own = await call("http://rollscope.example.com", "rollscope.example.com");
    expect(own.body).not.toMatch(/may not change anything/);
  });

  it("survives a malformed cookie and shows no stack trace or path in errors", async () => {
    const res = await rawRequest(base, "/api/trpc/clusters.list", {
      headers: { cookie: "rollscope_session_3100=%E0%A4%A; rollscope_token=%E0%A4%A" },
    });
    expect(res.status).toBe(200);
    const bad = await rawRequest(base, "/api/trpc/deliveries.get?input=%7Bnot-json", {});
    expect(bad.status).toBe(400);
    expect(bad.body).not.toMatch(/"stack"|\/work\/|node_modules|at [A-Za-z.]+ \(/);
    expect((await rawRequest(base, "/healthz")).status).toBe(200);
  });

  it("refuses oversized bodies without reading them into memory", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, "a");
    const trpc = await rawRequest(base, "/api/trpc/actions.restart", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(trpc.status).toBe(413);
    expect(trpc.body).toMatch(/larger than 1048576 bytes/);
    const gate = await rawRequest(base, "/api/gates/check", { method: "POST", body: big });
    expect(gate.status).toBe(400);
    expect(gate.body).toMatch(/at most 64 KiB/);
    expect((await rawRequest(base, "/healthz")).status).toBe(200);
  });

  it("sends the security headers on every answer", async () => {
    for (const [path, headers] of [
      ["/healthz", {}],
      ["/nowhere", {}],
      ["/api/trpc/clusters.list", {}],
      ["/api/session", {}],
      ["/api/trpc/clusters.list", { host: "evil.example" }],
    ] as const) {
      const res = await rawRequest(base, path, { headers });
      expect(res.headers["x-frame-options"], path).toBe("DENY");
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers["referrer-policy"], path).toBe("no-referrer");
      expect(res.headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    }
  });
});
