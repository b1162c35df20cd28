// What identity costs: the OIDC sign-in round trip (Rollscope's login redirect, the provider's own
// login and consent forms, the code exchange, the session) against a real provider on loopback, and a
// per-person permission check: a SelfSubjectAccessReview made as the person (impersonated) on the real
// test cluster, first uncached and then from the per-person cache. Prints medians; asserts nothing.
//   npm run -w bench auth-costs          (the cluster part runs when e2e/cluster/start.sh is up)

import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { oidcCallbackPath, oidcLoginPath } from "@rollscope/api/auth/oidc/oidc-sign-in";
import { authorizeAtProvider, HandBrowser, locationOf } from "@rollscope/api/auth/oidc/testing/hand-browser";
import { createKubeClusterSources } from "@rollscope/api/kube";
import { silentLogger } from "@rollscope/api/observability/logger";
import { startOidcApiServer } from "@rollscope/api/server/testing/oidc-api-server";
import type { Actor } from "@rollscope/shared/identity/actor";

const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function signInRoundTrip(): Promise<void> {
  const api = await startOidcApiServer();
  const base = api.base;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const browser = new HandBrowser();
    const started = performance.now();
    const loginUrl = `${base}${oidcLoginPath}`;
    const start = await browser.get(loginUrl);
    const callback = await authorizeAtProvider(
      browser,
      locationOf(start, loginUrl),
      "alice",
      `${base}${oidcCallbackPath}`,
    );
    await browser.get(callback);
    times.push(performance.now() - started);
  }
  console.log(
    `OIDC sign-in round trip (login → provider forms → code exchange → session), median of ${RUNS}: ${ms(median(times))}`,
  );
  await api.close();
}

async function permissionCheck(): Promise<void> {
  const stateDir = join(process.env.ROLLSCOPE_CACHE ?? join(homedir(), ".cache", "rollscope"), "cluster");
  const stateFile = join(stateDir, "state.env");
  if (!existsSync(stateFile)) {
    console.log("per-person permission check: skipped (no test cluster running; start e2e/cluster/start.sh)");
    return;
  }
  const env = Object.fromEntries(
    readFileSync(stateFile, "utf8")
      .split("\n")
      .map((line) => /^(?:export\s+)?([A-Z_]+)=["']?(.*?)["']?$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
  const kubeconfig = env.ROLLSCOPE_IMPERSONATOR_KUBECONFIG;
  if (!kubeconfig) {
    console.log("per-person permission check: skipped (the running cluster has no impersonator kubeconfig)");
    return;
  }
  const [source] = createKubeClusterSources({ kubeconfig, logger: silentLogger() });
  if (!source) return;
  const check = {
    verb: "patch" as const,
    group: "argoproj.io",
    resource: "rollouts",
    subresource: "status",
    namespace: "default",
  };
  const uncached: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A new person each time, so the first answer is the API server's, not the cache's.
    const person: Actor = {
      name: `person-${i}@example.com`,
      groups: ["rollout-operators"],
      via: "oidc",
      impersonate: true,
    };
    let t = performance.now();
    await source.canI(check, person);
    uncached.push(performance.now() - t);
    t = performance.now();
    await source.canI(check, person);
    cached.push(performance.now() - t);
  }
  console.log(
    `per-person permission check (SelfSubjectAccessReview as the person), median of ${RUNS}: ${ms(median(uncached))} uncached, ${ms(median(cached))} from the per-person cache`,
  );
}

await signInRoundTrip();
await permissionCheck();
process.exit(0);
