// A demo cluster for action tests: no simulated controllers (nothing moves unless a test moves it),
// every request an action sends is recorded, an action can be held in flight, and the informer cache
// can be made to lag the API server, as a real watch does for a moment after each patch.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DemoClusterSource, type DemoWatchEvent, type RawObject } from "@rollscope/demo-cluster";
import { isKnownKind } from "@rollscope/shared";
import type { ActionRequestForSource } from "@rollscope/shared/cluster/cluster-source";
import { tokenActorNamed } from "@rollscope/shared/identity/actor";
import { silentLogger } from "../../observability/logger";
import { createServices } from "../../runtime/create-services";
import { createCaller } from "../../trpc/root-router";

export class ActionTestCluster extends DemoClusterSource {
  readonly sent: ActionRequestForSource[] = [];
  /** While set, every request waits for it before reaching the API server: the action stays in flight. */
  hold: Promise<void> | undefined;
  private readonly lagging: boolean;
  private readonly notYetSeen: DemoWatchEvent[] = [];

  constructor(options: { lagging?: boolean } = {}) {
    super({ simulate: false, prometheus: false, newReleases: false });
    this.lagging = options.lagging ?? false;
  }

  override async start(): Promise<void> {
    if (!this.lagging) return super.start();
    this.api.watch((event) => this.notYetSeen.push(event));
  }

  /** A lagging cache receives the watch events it has not seen yet. */
  catchUp(): void {
    for (const event of this.notYetSeen.splice(0)) {
      const kind = event.object.kind;
      if (!isKnownKind(kind)) continue;
      if (event.type === "deleted") this.store.delete(this.api.keyOf(event.object));
      else this.store.upsert(kind, event.object);
    }
  }

  seed(...objects: object[]): void {
    for (const object of objects) this.api.create(structuredClone(object) as RawObject);
    if (this.lagging) this.catchUp();
  }

  override async execute(request: ActionRequestForSource): Promise<void> {
    this.sent.push(request);
    if (this.hold) await this.hold;
    return super.execute(request);
  }
}

/** Services and a tRPC caller around one ActionTestCluster, as the API process wires them. */
export async function startActionTest(cluster: ActionTestCluster, options: { now?: () => Date } = {}) {
  const running = await createServices([cluster], {
    dataDir: mkdtempSync(join(tmpdir(), "rollscope-actions-")),
    readOnly: false,
    log: silentLogger(),
    ...(options.now ? { now: options.now } : {}),
  });
  await running.start();
  const callerFor = (identity: string) =>
    createCaller({ services: running.services, actor: tokenActorNamed(identity), identity });
  return { services: running.services, caller: callerFor("tester"), callerFor, stop: () => running.stop() };
}

/** A promise and the function that settles it, to hold an action in flight. */
export function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
