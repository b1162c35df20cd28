// bench/side-by-side: Rollscope and the Argo Rollouts dashboard (v1.10.1, `kubectl argo rollouts
// dashboard`) on the same real kube-apiserver with the same Rollouts, one after the other. See README.md.
// Prints figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startArgoDashboard } from "./argo-dashboard";
import {
  buildComponents,
  clusterComponent,
  clusterRunning,
  clusterState,
  kubeClient,
  repoRoot,
  startCluster,
  stopCluster,
} from "./cluster";
import { type Figures, measure, type Settings } from "./measure";
import { notMeasured, printTable } from "./report";
import { applyRollouts, NAMESPACE, removeRollouts, waitHealthy } from "./rollouts";
import { prepareRollscope, startRollscope } from "./rollscope";
import type { Dashboard } from "./side";

const numberEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sizes = (process.env.BENCH_N ?? "100,1000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const order = (process.env.BENCH_ORDER ?? "argo,rollscope").split(",");

/** The commit Rollscope ran from, and whether its code had changes not yet committed. */
function rollscopeRevision(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
  try {
    const changed = git("status", "--porcelain", "--", "apps", "packages", "scripts");
    return `${git("rev-parse", "--short", "HEAD")}${changed ? " with uncommitted changes in apps/packages/scripts" : ""}`;
  } catch {
    return "an unknown revision (no git)";
  }
}

async function main(): Promise<void> {
  const began = performance.now();
  console.error("side-by-side: building what is missing (e2e/cluster/build.sh all argo-dashboard)");
  buildComponents();
  const startedHere = !clusterRunning();
  if (startedHere) {
    console.error("side-by-side: starting the test cluster");
    startCluster();
  } else console.error("side-by-side: using the test cluster that is running (it stays up)");
  const keepMesh = process.env.BENCH_KEEP_MESH === "1";
  if (!keepMesh) clusterComponent("stop", "mesh");
  const state = clusterState();
  const kubeconfig = state.ROLLSCOPE_KUBECONFIG ?? "";
  const kube = kubeClient(kubeconfig);
  let largest = 0;
  const cleanup = async () => {
    kube.close();
    if (startedHere) stopCluster();
    else {
      if (largest > 0) removeRollouts(state, largest);
      if (!keepMesh) clusterComponent("start", "mesh");
    }
  };
  process.once("SIGINT", () => {
    console.error("side-by-side: interrupted; cleaning up");
    void cleanup().finally(() => process.exit(130));
  });
  // A bug of the bench's own must not leave the cluster running (the dashboards stop with `measure`).
  process.once("uncaughtException", (error) => {
    console.error(`side-by-side: ${error.stack ?? error.message}; cleaning up`);
    void cleanup().finally(() => process.exit(1));
  });
  const results: Array<{ settings: Settings; revision: string; argo: Figures; rollscope: Figures }> = [];
  try {
    if (order.includes("rollscope")) await prepareRollscope();
    for (const rollouts of sizes) {
      largest = rollouts;
      const settings: Settings = {
        rollouts,
        clients: numberEnv("BENCH_CLIENTS", 20),
        changes: numberEnv("BENCH_CHANGES", 50),
        cpuSeconds: numberEnv("BENCH_CPU_SECONDS", 60),
        changesPerSecond: numberEnv("BENCH_CHANGES_PER_SECOND", 5),
        settleMs: numberEnv("BENCH_SETTLE_SECONDS", 10) * 1000,
        listRuns: 5,
        runId: "",
      };
      console.error(`side-by-side: N = ${rollouts}: applying Rollouts in namespace ${NAMESPACE}`);
      let t = performance.now();
      applyRollouts(state, rollouts);
      const applied = (performance.now() - t) / 1000;
      const healthy = await waitHealthy(kube, rollouts);
      console.error(`  applied in ${applied.toFixed(0)} s, all Healthy ${healthy.toFixed(0)} s later`);
      const starters: Record<string, () => Promise<Dashboard>> = {
        argo: () => startArgoDashboard({ bin: state.ROLLSCOPE_BIN ?? "", kubeconfig, namespace: NAMESPACE }),
        rollscope: () => startRollscope({ kubeconfig, context: "rollscope-test" }),
      };
      const figures: Record<string, Figures> = {};
      const revision = rollscopeRevision();
      for (const side of order) {
        const starter = starters[side];
        if (!starter) throw new Error(`BENCH_ORDER: unknown side ${side}`);
        t = performance.now();
        // Markers of each side's own: a label set again to the value it has is no change at all.
        const runId = `sbs${randomBytes(3).toString("hex")}`;
        figures[side] = await measure(starter, kube, { ...settings, runId });
        console.error(`  ${side} measured in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      }
      const argo = figures.argo ?? notMeasured;
      const rollscope = figures.rollscope ?? notMeasured;
      results.push({ settings, revision, argo, rollscope });
      printTable(settings, argo, rollscope, revision);
    }
  } finally {
    await cleanup();
  }
  const out = join(tmpdir(), `side-by-side-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`\nraw figures: ${out}; whole run ${((performance.now() - began) / 60_000).toFixed(1)} min`);
}

main().catch((error: Error) => {
  console.error(`side-by-side: ${error.stack ?? error.message}`);
  process.exit(1);
});
