// Router tests on a snapshot of captured real objects: every query, and every action refused with the
// reason (a snapshot is read-only).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { tokenActorNamed } from "@rollscope/shared/identity/actor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/observability/logger";
import { createServices, type RunningServices } from "../src/runtime/create-services";
import { SnapshotClusterSource } from "../src/snapshot/snapshot-source";
import { createCaller } from "../src/trpc/root-router";
import { sharedFixtures } from "./shared-fixtures";

describe.skipIf(!sharedFixtures)("routers on a snapshot of captured objects", () => {
  let running: RunningServices;
  let caller: ReturnType<typeof createCaller>;
  const target = {
    cluster: "canary",
    kind: "Rollout" as const,
    namespace: "jesse-test",
    name: "canary-demo",
  };

  beforeAll(async () => {
    const dir = resolve(sharedFixtures ?? "", "argo-rollouts/clusters/canary");
    running = await createServices([new SnapshotClusterSource(dir)], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-test-")),
      readOnly: false,
      log: silentLogger(),
    });
    await running.start();
    caller = createCaller({
      services: running.services,
      actor: tokenActorNamed("tester"),
      identity: "tester",
    });
  });
  afterAll(() => running.stop());

  it("clusters.list reports the snapshot as read-only and connected", async () => {
    const [cluster] = await caller.clusters.list();
    expect(cluster).toMatchObject({
      name: "canary",
      kind: "snapshot",
      health: { state: "connected", synced: true },
    });
    expect(cluster?.readOnlyReason).toMatch(/read-only/);
    expect(cluster?.counts).toEqual({ rollouts: 6, canaries: 0 });
  });

  it("deliveries.list filters by text, phase and controller", async () => {
    expect(await caller.deliveries.list({})).toHaveLength(6);
    expect((await caller.deliveries.list({ text: "pingpong" })).map((d) => d.ref.name)).toEqual([
      "canary-demo-pingpong",
    ]);
    expect(await caller.deliveries.list({ phase: "healthy" })).toHaveLength(0);
    expect(await caller.deliveries.list({ controller: "flagger" })).toHaveLength(0);
    const [summary] = await caller.deliveries.list({ text: '"canary-demo"' });
    expect(summary).toMatchObject({
      rawPhase: "Degraded",
      step: { index: 0, total: 8 },
      setWeight: 20,
      actualWeight: 0,
    });
    expect(summary?.actions.every((a) => !a.enabled)).toBe(true);
  });

  it("deliveries.get returns the delivery with revisions and events", async () => {
    const detail = await caller.deliveries.get(target);
    expect(detail.delivery.revisions.map((r) => [r.revision, r.roles])).toEqual([
      [31, ["canary"]],
      [30, ["stable"]],
      [29, []],
    ]);
    expect(detail.delivery.actions.find((a) => a.action === "promote")?.reason).toMatch(
      /snapshot .* read-only/,
    );
  });

  it("refuses every action on a snapshot, and audits the refusal", async () => {
    const { observed } = (await caller.deliveries.get(target)).delivery;
    await expect(caller.actions.promote({ target, observed })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/read-only/),
    });
    await expect(
      caller.actions.setImage({ target, container: "canary-demo", image: "nginx:1.27" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const audit = await caller.audit.list({ name: "canary-demo" });
    expect(audit[0]).toMatchObject({
      action: "setImage",
      result: "refused",
      identity: "token tester",
    });
  });

  it("refuses unknown clusters and objects with a clear message", async () => {
    await expect(caller.deliveries.get({ ...target, cluster: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.deliveries.get({ ...target, name: "nope" })).rejects.toMatchObject({
      message: "Rollout jesse-test/nope was not found in cluster canary.",
    });
    const observed = { aborted: false, paused: false };
    await expect(
      caller.actions.abort({ target: { ...target, cluster: "nope" }, observed }),
    ).rejects.toMatchObject({
      message: 'Unknown cluster "nope"; clusters are: canary.',
    });
  });

  it("validates input with zod and changes nothing", async () => {
    await expect(caller.actions.undo({ target, revision: -1 } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.deliveries.get({ ...target, kind: "Deployment" } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("metrics.series says why there is nothing without Prometheus", async () => {
    const series = await caller.metrics.series({ target });
    expect(series.prometheus).toMatchObject({
      available: false,
      reason: expect.stringMatching(/--prometheus-url/),
    });
  });

  it("history.get has the first point recorded at start", async () => {
    const points = await caller.history.get({ target });
    expect(points.points[0]).toMatchObject({
      setWeight: 20,
      actualWeight: 0,
      phase: "Degraded",
      step: "0/8",
    });
  });
});
