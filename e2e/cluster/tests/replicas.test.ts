// Several Rollscope replicas on one real PostgreSQL, watching the real cluster: an action on one is in
// the other's audit with the person who acted; a session made on one is valid on the other; a Flagger
// gate approved on one is honoured when Flagger asks the other; kill -9 in the middle of 100 actions
// loses no acknowledged audit entry; a restart keeps the weight history.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestPostgres, type TestPostgres } from "@rollscope/api/store/testing/test-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiReplica, startApiReplica, writeTokenFile } from "./api-replica";
import { argoRollout } from "./argo-objects";
import { apply, kubectl, waitFor } from "./cluster";
import { canary, namespace, podinfo, podinfoImage } from "./flagger-objects";

const haManifest = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../deploy/kubernetes/rollscope-ha.yaml",
);
const contextName = "rollscope-test";
const ns = "replicas";
const flaggerNs = "replicas-flagger";

interface WatchListMessage {
  type: "snapshot" | "changes";
  complete?: boolean;
  upserted?: Array<{ ref: { name: string }; rawPhase: string }>;
}

/** Reads deliveries.watchList over SSE, as the browser's EventSource does, until `until` holds. */
async function readWatchList(
  url: string,
  token: string,
  lastEventId: string | undefined,
  until: (m: WatchListMessage) => boolean,
): Promise<Array<{ id: string; data: WatchListMessage }>> {
  const input = encodeURIComponent(JSON.stringify({ filters: {}, ...(lastEventId ? { lastEventId } : {}) }));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  const response = await fetch(`${url}/api/trpc/deliveries.watchList?input=${input}`, {
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    signal: controller.signal,
  });
  const messages: Array<{ id: string; data: WatchListMessage }> = [];
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        const id = /^id: ?(.*)$/m.exec(event)?.[1];
        const data = /^data: ?(.*)$/m.exec(event)?.[1];
        if (!id || !data) continue;
        const message = JSON.parse(data) as WatchListMessage;
        messages.push({ id, data: message });
        if (until(message)) return messages;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  throw new Error(
    `the stream ended before the expected message; got ${JSON.stringify(messages).slice(0, 500)}`,
  );
}

describe("two replicas on one PostgreSQL", () => {
  let postgres: TestPostgres | undefined;
  let databaseUrl = "";
  const people = writeTokenFile(["alice", "bob"]);
  let a: ApiReplica | undefined;
  let b: ApiReplica | undefined;
  let startedAt = 0;
  const replica = (r: ApiReplica | undefined) => {
    if (!r) throw new Error("replica not started");
    return r;
  };
  const start = (name: string) => startApiReplica({ name, databaseUrl, tokenFile: people.file, contextName });
  const clusterName = async (r: ApiReplica) =>
    (await r.client(people.tokens.alice as string).clusters.list.query())[0]?.name ?? "";

  beforeAll(async () => {
    postgres = await startTestPostgres();
    databaseUrl = await postgres.createDatabase("rollscope_replicas");
    // Fresh namespaces each run, so an interrupted run leaves nothing behind that matters.
    for (const n of [ns, flaggerNs])
      kubectl("delete", "namespace", n, "--ignore-not-found", "--wait=true", "--timeout=120s");
    apply(namespace(ns));
    for (const name of ["web", "burst-1", "burst-2"])
      apply(
        argoRollout({
          namespace: ns,
          name,
          image: "argoproj/rollouts-demo:blue",
          replicas: 1,
          steps: [{ setWeight: 50 }, { pause: {} }],
        }),
      );
    [a, b] = await Promise.all([start("replica-a"), start("replica-b")]);
    startedAt = Date.now();
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    postgres?.stop();
    // Other suites count deliveries across namespaces; leave none of ours behind.
    for (const n of [ns, flaggerNs])
      kubectl("delete", "namespace", n, "--ignore-not-found", "--wait=true", "--timeout=120s");
  }, 150_000);

  it("an action taken on one replica is in the other's audit, naming the person", async () => {
    const cluster = await clusterName(replica(a));
    const target = { cluster, kind: "Rollout" as const, namespace: ns, name: "web" };
    await waitFor(
      "the rollout on replica a",
      () =>
        replica(a)
          .client(people.tokens.alice as string)
          .deliveries.get.query(target),
      (d) => d.delivery.rawPhase === "Healthy",
    );
    const result = await replica(a)
      .client(people.tokens.alice as string)
      .actions.restart.mutate({ target });
    const audit = await replica(b)
      .client(people.tokens.bob as string)
      .audit.list.query({ namespace: ns, name: "web" });
    const rows = audit.filter((e) => e.id === result.auditId);
    expect(rows.map((e) => e.result).sort()).toEqual(["started", "succeeded"]);
    expect(rows[0]?.identity).toContain("alice");
    expect(rows[0]?.replica).toMatch(/^replica-a\//);
  });

  it("a browser signed in on one replica stays signed in on the other, and signing out ends it on both", async () => {
    const signIn = await fetch(`${replica(a).url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: replica(a).url },
      body: JSON.stringify({ token: people.tokens.bob }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^rollscope_session_\d+=/);
    const onB = await fetch(`${replica(b).url}/api/session`, { headers: { cookie } });
    expect(await onB.json()).toMatchObject({ signedIn: true, actor: expect.stringContaining("bob") });
    const signOut = await fetch(`${replica(b).url}/api/session`, {
      method: "DELETE",
      headers: { cookie, origin: replica(b).url },
    });
    expect(signOut.status).toBe(200);
    const againOnA = await fetch(`${replica(a).url}/api/session`, { headers: { cookie } });
    expect(await againOnA.json()).toMatchObject({ signedIn: false });
  });

  it("kill -9 of a replica in the middle of 100 actions loses no acknowledged audit entry", async () => {
    const victim = await start("replica-k");
    const cluster = await clusterName(victim);
    const target = (name: string) => ({ cluster, kind: "Rollout" as const, namespace: ns, name });
    const alice = victim.client(people.tokens.alice as string);
    const acknowledged: string[] = [];
    const failures: string[] = [];
    let sent = 0;
    let killed: Promise<void> | undefined;
    // Two at a time (one Rollout each: identical actions on one object are not sent twice), so the
    // kill lands while requests are in flight on the replica.
    const worker = async (name: string) => {
      while (sent < 100) {
        sent++;
        if (sent === 50) killed = victim.kill();
        try {
          acknowledged.push((await alice.actions.restart.mutate({ target: target(name) })).auditId);
        } catch (error) {
          // in flight when killed, or sent to a dead replica: not acknowledged
          failures.push((error as Error).message);
        }
      }
    };
    await Promise.all([worker("burst-1"), worker("burst-2")]);
    await killed;
    expect(acknowledged.length, failures.slice(0, 5).join("\n")).toBeGreaterThanOrEqual(40);
    expect(acknowledged.length).toBeLessThan(100);
    const audit = await replica(b)
      .client(people.tokens.bob as string)
      .audit.list.query({ namespace: ns, limit: 1000 });
    const succeeded = new Set(audit.filter((e) => e.result === "succeeded").map((e) => e.id));
    expect(acknowledged.filter((id) => !succeeded.has(id))).toEqual([]);
    // An action the kill cut short is not left `started` forever: once the dead replica's presence
    // lapses, the writer marks it interrupted.
    await waitFor(
      "every action of the killed replica finished or marked interrupted",
      async () => {
        const entries = await replica(b)
          .client(people.tokens.bob as string)
          .audit.list.query({ namespace: ns, limit: 1000 });
        const byId = new Map<string, string[]>();
        for (const e of entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e.result]);
        return [...byId.values()].filter((results) => results.length === 1 && results[0] === "started");
      },
      (open) => open.length === 0,
      120_000,
    );
  });

  it("a live list moved to another replica resumes from its last event: only what changed is sent", async () => {
    const token = people.tokens.bob as string;
    // A replica resumes another's id only once it has watched for longer than the resume window
    // (30 s): before that it may have missed deletions, and sends a snapshot instead.
    const settled = startedAt + 31_000 - Date.now();
    if (settled > 0) await new Promise((r) => setTimeout(r, settled));
    // The overview's stream on replica a, until its snapshot is complete.
    const first = await readWatchList(
      replica(a).url,
      token,
      undefined,
      (m) => m.type === "snapshot" && m.complete === true,
    );
    const last = first.at(-1);
    expect(last?.data.type).toBe("snapshot");
    expect(last?.id).toMatch(/^[0-9a-f]+\.\d+\.\d+$/);
    // The delivery changes while the browser is away (a pause through the cluster, not Rollscope).
    kubectl("-n", ns, "patch", "rollout", "burst-1", "--type", "merge", "-p", '{"spec":{"paused":true}}');
    // The browser reconnects through the load balancer to replica b with the id it last saw.
    const resumed = await readWatchList(
      replica(b).url,
      token,
      last?.id,
      (m) =>
        m.type === "changes" &&
        (m.upserted ?? []).some((d) => d.ref.name === "burst-1" && d.rawPhase === "Paused"),
    );
    expect(resumed.map((m) => m.data.type)).not.toContain("snapshot");
    kubectl("-n", ns, "patch", "rollout", "burst-1", "--type", "merge", "-p", '{"spec":{"paused":false}}');
  });

  it("a restart keeps the weight history", async () => {
    const cluster = await clusterName(replica(b));
    const target = { cluster, kind: "Rollout" as const, namespace: ns, name: "web" };
    const before = await replica(b)
      .client(people.tokens.bob as string)
      .history.get.query({ target });
    expect(before.points.length).toBeGreaterThan(0);
    await replica(a).stop();
    await replica(b).stop();
    [a, b] = await Promise.all([start("replica-a"), start("replica-b")]);
    const after = await replica(b)
      .client(people.tokens.bob as string)
      .history.get.query({ target });
    expect(after.points.slice(0, before.points.length)).toEqual(before.points);
  });

  describe("a Flagger gate", () => {
    beforeAll(() => {
      apply(namespace(flaggerNs));
    });

    it("approved on one replica is honoured when Flagger asks the other", async () => {
      const gateUrl = `http://127.0.0.1:${replica(b).port}/api/gates/confirm-promotion`;
      const object = canary(flaggerNs, []);
      object.spec.analysis.webhooks = [{ name: "approve", type: "confirm-promotion", url: gateUrl }];
      apply(podinfo(flaggerNs, "6.0.0"), object);
      const cluster = await clusterName(replica(a));
      const target = { cluster, kind: "Canary" as const, namespace: flaggerNs, name: "podinfo" };
      const alice = replica(a).client(people.tokens.alice as string);
      const get = async () => (await alice.deliveries.get.query(target)).delivery;
      await waitFor("initialized", get, (d) => d.rawPhase === "Initialized");
      await alice.actions.setImage.mutate({ target, container: "podinfod", image: podinfoImage("6.0.1") });
      const waiting = await waitFor("waiting for promotion", get, (d) => d.rawPhase === "WaitingPromotion");
      expect(waiting.actions.find((x) => x.action === "promote")?.lever).toContain("Rollscope");
      await alice.actions.promote.mutate({ target, observed: waiting.observed });
      // Flagger asks replica b, which never saw the click; only the shared store can say yes.
      await waitFor("promoted", get, (d) => d.rawPhase === "Succeeded");
      expect(
        kubectl(
          "-n",
          flaggerNs,
          "get",
          "deployment",
          "podinfo-primary",
          "-o",
          "jsonpath={.spec.template.spec.containers[0].image}",
        ),
      ).toBe(podinfoImage("6.0.1"));
      const audit = await replica(b)
        .client(people.tokens.bob as string)
        .audit.list.query({ namespace: flaggerNs });
      expect(audit.find((e) => e.action === "promote" && e.result === "succeeded")?.identity).toContain(
        "alice",
      );
    });
  });
});

describe("the writer elected on a Kubernetes Lease", () => {
  let postgres: TestPostgres | undefined;
  const people = writeTokenFile(["alice"]);
  const replicas: ApiReplica[] = [];
  const holder = () =>
    kubectl("-n", ns, "get", "lease", "rollscope-writer", "-o", "jsonpath={.spec.holderIdentity}");

  beforeAll(async () => {
    postgres = await startTestPostgres();
    const databaseUrl = await postgres.createDatabase("rollscope_lease");
    apply(namespace(ns));
    for (const name of ["lease-a", "lease-b"])
      replicas.push(
        await startApiReplica({
          name,
          databaseUrl,
          tokenFile: people.file,
          contextName,
          extraArgs: ["--writer-lease", `${ns}/rollscope-writer`],
        }),
      );
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    postgres?.stop();
    kubectl("delete", "namespace", ns, "--ignore-not-found", "--wait=true", "--timeout=120s");
  }, 150_000);

  it("one replica holds the Lease; when it is killed the other takes it over", async () => {
    const first = await waitFor("a holder", holder, (h) => /^lease-[ab]\//.test(h), 30_000);
    const [owner, other] = first.startsWith("lease-a/") ? replicas : [...replicas].reverse();
    await owner?.kill();
    // No release on kill -9: the other replica waits out the 15 s lease, then takes it.
    const next = await waitFor(
      "the other replica holding it",
      holder,
      (h) => h.startsWith(`${other?.name}/`),
      60_000,
    );
    expect(next).not.toBe(first);
  });

  it("the HA example's manifests, Lease RBAC included, are accepted by the API server", () => {
    apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "rollscope" } });
    apply({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "rollscope", namespace: "rollscope" },
    });
    const out = kubectl("apply", "--dry-run=server", "-f", haManifest);
    expect(out).toContain("role.rbac.authorization.k8s.io/rollscope-writer-lease");
    expect(out).toContain("deployment.apps/rollscope");
  });
});
