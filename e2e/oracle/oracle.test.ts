// Differential test against the kubectl-argo-rollouts plugin's own code: generated Rollout states
// (real objects, seeded mutations, every custom resource valid against its CRD) are served by the real
// Rollscope API from one snapshot folder, and each Rollout is compared field by field with what the
// oracle (e2e/oracle/main.go, the plugin's info package) computes for it. See e2e/oracle/README.md.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Delivery } from "@rollscope/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareViews, type Difference } from "./compare/compare-views";
import { pagePods, startDashboard } from "./compare/delivery-page-pods";
import { type BuiltOracle, buildOracle } from "./compare/oracle-build";
import { type OracleOutput, type PluginView, runOracle } from "./compare/plugin-view";
import { fetchDelivery, rollscopeView } from "./compare/rollscope-view";
import { type SnapshotApi, startSnapshotApi } from "./compare/snapshot-api";
import { explain, pluginErrors } from "./deliberate-differences";
import { type BaseCase, loadBaseCases } from "./generate/base-cases";
import { type GeneratedState, generateStates, writeSnapshot } from "./generate/generate-states";
import type { KubeObject } from "./generate/kube-object";
import { dropPath, prunedPaths } from "./generate/pruned-fields";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const seed = Number(process.env.ROLLSCOPE_ORACLE_SEED ?? 11);
const count = Number(process.env.ROLLSCOPE_ORACLE_STATES ?? 1200);
const sharedFixtures = join(repoRoot, "..", "shared", "fixtures");

const oracle: BuiltOracle | undefined = buildOracle(repoRoot);
if (!oracle)
  console.warn(
    "skipped: Go is not installed, so the plugin oracle cannot be built (see e2e/oracle/README.md)",
  );
if (!existsSync(sharedFixtures)) {
  console.warn(
    "note: ../shared/fixtures is not beside this clone; Argo CD's Rollout objects are left out of the bases",
  );
}

interface Compared {
  state: GeneratedState;
  plugin: PluginView;
  rollscope: Delivery | { error: string };
  differences: Difference[];
}

const work = mkdtempSync(join(tmpdir(), "rollscope-oracle-"));
let bases: BaseCase[] = [];
let droppedBases: string[] = [];
let states: GeneratedState[] = [];
let output: OracleOutput = { views: [], invalid: [] };
let api: SnapshotApi | undefined;
const compared: Compared[] = [];

/**
 * Base cases whose objects all pass the CRD schema once the fields an API server would prune are
 * dropped (an invalid base would make every state made from it invalid); the rest are left out.
 */
async function validBases(all: BaseCase[], built: BuiltOracle): Promise<BaseCase[]> {
  const check = async (cases: BaseCase[], dir: string) => {
    const asIs = generateStates({ bases: cases, count: 0, seed });
    const { invalid } = await runOracle(built.binary, built.crdsDir, writeSnapshot(join(work, dir), asIs));
    return cases.map((base, i) => ({
      base,
      errors: invalid.filter((o) => o.namespace === asIs[i]?.namespace),
    }));
  };
  for (const { base, errors } of await check(all, "bases")) {
    for (const o of errors) {
      const object = base.objects.find((x) => x.kind === o.kind && x.metadata.name === o.name);
      for (const path of (object && prunedPaths(o.errors)) ?? []) dropPath(object as KubeObject, path);
    }
  }
  const checked = await check(all, "bases-pruned");
  droppedBases = checked
    .filter((c) => c.errors.length > 0)
    .map((c) => `${c.base.source}: ${c.errors[0]?.errors[0]}`);
  return checked.filter((c) => c.errors.length === 0).map((c) => c.base);
}

async function mapLimit<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await f(items[i] as T);
      }
    }),
  );
  return results;
}

const describeWithOracle = oracle ? describe : describe.skip;

describeWithOracle("Rollscope and the kubectl-argo-rollouts plugin on generated Rollout states", () => {
  beforeAll(async () => {
    const built = oracle as BuiltOracle;
    const all = loadBaseCases({
      argoModuleDir: built.argoModuleDir,
      ...(existsSync(sharedFixtures) ? { sharedFixturesDir: sharedFixtures } : {}),
    });
    bases = await validBases(all, built);
    states = generateStates({ bases, count, seed });
    const snapshot = writeSnapshot(join(work, "states"), states);
    output = await runOracle(built.binary, built.crdsDir, snapshot);
    api = await startSnapshotApi(repoRoot, snapshot, output.views.length);
    const byNamespace = new Map(states.map((s) => [s.namespace, s]));
    const running = api;
    const served = await mapLimit(output.views, 16, (view) =>
      fetchDelivery(running, { cluster: running.cluster, namespace: view.namespace, name: view.name }),
    );
    for (const [i, plugin] of output.views.entries()) {
      const rollscope = served[i] as Delivery | { error: string };
      const state = byNamespace.get(plugin.namespace) as GeneratedState;
      const differences =
        plugin.error !== undefined
          ? []
          : "error" in rollscope
            ? [{ field: "(delivery)", plugin: "shown", rollscope: rollscope.error }]
            : compareViews(plugin, rollscopeView(rollscope));
      compared.push({ state, plugin, rollscope, differences });
    }
  }, 1_200_000);

  afterAll(async () => {
    await api?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it(`generates at least 1,000 states from real objects, every custom resource valid against its CRD`, () => {
    console.log(
      `${bases.length} base cases (${droppedBases.length} left out as their objects fail the CRD schema` +
        `${droppedBases.length ? `: ${droppedBases.join("; ")}` : ""}); ${states.length} states (seed ${seed}); ` +
        `${output.views.length} Rollouts`,
    );
    expect(output.invalid.map((o) => `${o.namespace} ${o.kind}/${o.name}: ${o.errors.join("; ")}`)).toEqual(
      [],
    );
    expect(states.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(states.map((s) => s.base)).size).toBe(bases.length);
  });

  it("shows every Rollout as the plugin does, field by field, apart from the listed deliberate differences", () => {
    const unexplained: string[] = [];
    const explained = new Map<string, number>();
    let matching = 0;
    for (const c of compared) {
      if (c.plugin.error !== undefined) {
        const known = pluginErrors.find((e) => e.error.test(c.plugin.error as string));
        if (known && !("error" in c.rollscope) && known.shown(c.rollscope)) {
          explained.set(known.reason, (explained.get(known.reason) ?? 0) + 1);
        } else {
          unexplained.push(
            `${c.plugin.namespace}/${c.plugin.name}: the plugin fails with "${c.plugin.error}"` +
              (known ? " and Rollscope does not say why" : ""),
          );
        }
        continue;
      }
      const open = c.differences.filter((d) => {
        const reason = explain(d, c.plugin)?.reason;
        if (reason) explained.set(reason, (explained.get(reason) ?? 0) + 1);
        return !reason;
      });
      if (open.length === 0 && c.differences.length === 0) matching++;
      for (const d of open) {
        unexplained.push(
          `${c.plugin.namespace}/${c.plugin.name} [${c.state.base}; ${c.state.mutations.join("; ") || "as captured"}]\n` +
            `    ${d.field}: plugin ${JSON.stringify(d.plugin)}, Rollscope ${JSON.stringify(d.rollscope)}`,
        );
      }
    }
    const report = join(tmpdir(), "rollscope-oracle-report.txt");
    writeFileSync(report, `${unexplained.join("\n")}\n`);
    console.log(
      `${matching}/${compared.length} Rollouts match the plugin field for field; ` +
        `${compared.length - matching} differ (deliberately: ${[...explained.entries()].map(([r, n]) => `${n}× ${r}`).join("; ") || "none"}).` +
        (unexplained.length ? ` Unexplained differences: ${unexplained.length}, all in ${report}` : ""),
    );
    expect(unexplained.slice(0, 40)).toEqual([]);
  });

  it("shows each pod's status, readiness and restarts as the plugin does", () => {
    const pods = compared.flatMap((c) => c.plugin.pods.map((p) => ({ c, p })));
    const wrong = pods.filter(({ c, p }) =>
      c.differences.some((d) => d.field.startsWith(`pods[${p.name}]`) && !explain(d, c.plugin)),
    );
    console.log(
      `${pods.length - wrong.length}/${pods.length} pods show the plugin's status, READY and restarts`,
    );
    expect(
      wrong
        .slice(0, 20)
        .map(({ c, p }) => `${c.plugin.namespace}/${p.name}: plugin ${p.status} ${p.ready} ${p.restarts}`),
    ).toEqual([]);
  });

  it("draws those pod statuses on the delivery page, in Chromium", async () => {
    // The Rollouts that together show every distinct pod status and READY count the plugin gave.
    const seen = new Set<string>();
    const sample = compared.filter((c) => {
      const fresh = c.plugin.pods.filter((p) => !seen.has(`${p.status} ${p.ready}`));
      for (const p of fresh) seen.add(`${p.status} ${p.ready}`);
      return fresh.length > 0;
    });
    const dashboard = await startDashboard(repoRoot, join(work, "states"));
    const wrong: string[] = [];
    let pods = 0;
    try {
      for (const c of sample) {
        const drawn = await pagePods(dashboard, api?.cluster ?? "", c.plugin.namespace, c.plugin.name);
        const key = (p: { replicaSet: string; status: string; ready: string; restarts: number }) =>
          `${p.replicaSet}: ${p.status} ${p.ready} ${p.restarts}↻`;
        const expected = c.plugin.pods.map(key).sort();
        const actual = drawn.map(key).sort();
        pods += expected.length;
        if (JSON.stringify(expected) !== JSON.stringify(actual)) {
          wrong.push(
            `${c.plugin.namespace}/${c.plugin.name}: plugin [${expected.join(", ")}], page [${actual.join(", ")}]`,
          );
        }
      }
    } finally {
      await dashboard.stop();
    }
    console.log(
      `${sample.length} delivery pages covering ${seen.size} distinct pod statuses (${pods} pods): ` +
        `${sample.length - wrong.length}/${sample.length} draw the plugin's pod status, READY and restarts`,
    );
    expect(wrong).toEqual([]);
  }, 600_000);
});
