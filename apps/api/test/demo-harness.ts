// A demo cluster behind real routers, fast enough for tests: demo time runs many times faster.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DemoClusterSource, type DemoOptions } from "@rollscope/demo-cluster";
import type { DeliveryRef } from "@rollscope/shared";
import type { AccessCheck } from "@rollscope/shared/cluster/cluster-source";
import { tokenActorNamed } from "@rollscope/shared/identity/actor";
import { silentLogger } from "../src/observability/logger";
import { createServices, type RunningServices } from "../src/runtime/create-services";
import { createCaller } from "../src/trpc/root-router";

export class RestrictedDemo extends DemoClusterSource {
  denied: (check: AccessCheck) => boolean = () => false;
  override async canI(check: AccessCheck): Promise<boolean> {
    return !this.denied(check);
  }
}

export async function startDemo(options: DemoOptions & { readOnly?: boolean } = {}) {
  const source = new RestrictedDemo({ speed: 120, prometheus: false, newReleases: false, ...options });
  const running: RunningServices = await createServices([source], {
    dataDir: mkdtempSync(join(tmpdir(), "rollscope-demo-")),
    readOnly: options.readOnly ?? false,
    log: silentLogger(),
  });
  await running.start();
  const caller = createCaller({
    services: running.services,
    actor: tokenActorNamed("tester"),
    identity: "tester",
  });
  return { source, running, caller, stop: () => running.stop() };
}

export const ref = (kind: "Rollout" | "Canary", namespace: string, name: string): DeliveryRef => ({
  cluster: "demo",
  kind,
  namespace,
  name,
});

/** Polls until `check` returns a value (not undefined), or fails with what it last saw. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 600)}`);
}
