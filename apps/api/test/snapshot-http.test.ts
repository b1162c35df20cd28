// Over real HTTP: the captured canary snapshot's delivery as the kubectl plugin shows it, health and
// readiness, metrics exposition, the token guard and the cross-origin guard.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/observability/logger";
import { createServices, type RunningServices } from "../src/runtime/create-services";
import { createApiServer, listen } from "../src/server/http-server";
import { SnapshotClusterSource } from "../src/snapshot/snapshot-source";
import { sharedFixtures } from "./shared-fixtures";

describe.skipIf(!sharedFixtures)("HTTP API on the captured canary snapshot", () => {
  let running: RunningServices;
  let server: Server;
  let base: string;
  const token = "a-test-token-of-enough-length";

  beforeAll(async () => {
    running = await createServices(
      [new SnapshotClusterSource(resolve(sharedFixtures ?? "", "argo-rollouts/clusters/canary"))],
      {
        dataDir: mkdtempSync(join(tmpdir(), "rollscope-http-")),
        readOnly: false,
        log: silentLogger(),
      },
    );
    await running.start();
    server = createApiServer(running.services, {
      tokens: [{ name: "holder", secret: token }],
      allowedOrigins: ["http://localhost:3100"],
    });
    const port = await listen(server, "127.0.0.1", 0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.close();
    await running.stop();
  });

  const auth = { authorization: `Bearer ${token}` };
  const get = (procedure: string, input: unknown, headers: Record<string, string> = auth) =>
    fetch(`${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });

  it("deliveries.get returns phase, message, step, weights and ReplicaSet roles as the plugin shows", async () => {
    const response = await get("deliveries.get", {
      cluster: "canary",
      kind: "Rollout",
      namespace: "jesse-test",
      name: "canary-demo",
    });
    expect(response.status).toBe(200);
    const { delivery } = (
      (await response.json()) as { result: { data: { delivery: Record<string, unknown> } } }
    ).result.data;
    expect(delivery).toMatchObject({
      rawPhase: "Degraded",
      message: 'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.',
      step: { index: 0, total: 8 },
      setWeight: 20,
      actualWeight: 0,
      images: [
        { image: "argoproj/rollouts-demo:does-not-exist", tags: ["canary"] },
        { image: "argoproj/rollouts-demo:green", tags: ["stable"] },
      ],
    });
    const revisions = delivery.revisions as Array<{ name: string; roles: string[]; status: string }>;
    expect(revisions.map((r) => [r.name, r.roles, r.status])).toEqual([
      ["canary-demo-65fb5ffc84", ["canary"], "Progressing"],
      ["canary-demo-877894d5b", ["stable"], "Healthy"],
      ["canary-demo-859c99b45c", [], "ScaledDown"],
    ]);
  });

  it("requires the token on tRPC but not on health", async () => {
    expect((await get("clusters.list", undefined, {})).status).toBe(401);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("accepts a signed-in session cookie, never the raw token as a cookie", async () => {
    const signIn = await fetch(`${base}/api/session`, { method: "POST", body: JSON.stringify({ token }) });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await get("clusters.list", undefined, { cookie })).status).toBe(200);
    expect(
      (await get("clusters.list", undefined, { cookie: `${cookie.split("=")[0]}=${token}` })).status,
    ).toBe(401);
  });

  it("rejects mutations from another origin and GET mutations", async () => {
    const body = JSON.stringify({
      target: { cluster: "canary", kind: "Rollout", namespace: "jesse-test", name: "canary-demo" },
      observed: { aborted: false, paused: false },
    });
    const evil = await fetch(`${base}/api/trpc/actions.abort`, {
      method: "POST",
      headers: { ...auth, origin: "https://evil.example", "content-type": "application/json" },
      body,
    });
    expect(evil.status).toBe(403);
    // A tRPC error, so the web client shows the reason rather than "Unable to transform response".
    const refusal = (await evil.json()) as { error: { message: string; data: { code: string } } };
    expect(refusal.error.message).toBe(
      "Refused: a page on https://evil.example may not change anything here (add --allowed-origin https://evil.example to allow it).",
    );
    expect(refusal.error.data.code).toBe("FORBIDDEN");
    const batched = await fetch(`${base}/api/trpc/actions.abort?batch=1`, {
      method: "POST",
      headers: { ...auth, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ 0: JSON.parse(body) }),
    });
    expect(batched.status).toBe(403);
    expect(((await batched.json()) as Array<{ error: { message: string } }>)[0]?.error.message).toMatch(
      /^Refused/,
    );
    const viaGet = await get("actions.abort", JSON.parse(body));
    expect(viaGet.status).toBe(405);
    const allowed = await fetch(`${base}/api/trpc/actions.abort`, {
      method: "POST",
      headers: { ...auth, origin: "http://localhost:3100", "content-type": "application/json" },
      body,
    });
    // Reaches the procedure, which refuses because a snapshot is read-only.
    expect(allowed.status).toBe(403);
    expect(await allowed.text()).toContain("read-only");
  });

  it("serves Prometheus metrics", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const text = await (await fetch(`${base}/metrics`, { headers: auth })).text();
    expect(text).toContain('rollscope_cluster_state{cluster="canary",source="snapshot"} 1');
    expect(text).toContain('rollscope_deliveries{cluster="canary",controller="argo"} 6');
  });

  it("answers Flagger gate webhooks: closed until a decision for that checksum exists", async () => {
    const payload = { name: "podinfo", namespace: "test", phase: "WaitingPromotion", checksum: "767d4db4f9" };
    const call = () => fetch(`${base}/api/gates/check`, { method: "POST", body: JSON.stringify(payload) });
    expect((await call()).status).toBe(403);
    await running.services.gates.record({
      ...payload,
      decision: "promote",
      by: "tester",
      at: new Date().toISOString(),
    });
    expect((await call()).status).toBe(200);
    const next = await fetch(`${base}/api/gates/check`, {
      method: "POST",
      body: JSON.stringify({ ...payload, checksum: "other" }),
    });
    expect(next.status).toBe(403);
    expect((await fetch(`${base}/api/gates/check`, { method: "POST", body: "nope" })).status).toBe(400);
  });

  it("a gate endpoint for one type opens only with a decision for that type", async () => {
    const payload = { name: "cart", namespace: "shop", phase: "Progressing", checksum: "5c8f6a2b1d" };
    const call = (gate: string) =>
      fetch(`${base}/api/gates/${gate}`, { method: "POST", body: JSON.stringify(payload) }).then(
        (r) => r.status,
      );
    await running.services.gates.record({
      ...payload,
      decision: "promote",
      scope: "confirm-rollout",
      by: "tester",
      at: new Date().toISOString(),
    });
    expect(await call("confirm-rollout")).toBe(200);
    // Approving the rollout does not pass the promotion, nor the catch-all endpoint, nor a rollback.
    expect(await call("confirm-promotion")).toBe(403);
    expect(await call("check")).toBe(403);
    expect(await call("rollback")).toBe(403);
    expect(await call("confirm-anything")).toBe(404);
  });
});
