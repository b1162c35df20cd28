// Puts the Flagger scenarios into the demo store and keeps them alive: a release driver that, every
// few demo minutes, sets a new image on the target of a canary that has come to rest (Initialized,
// Succeeded or Failed), the way a CI pipeline would. Some releases get a "-bad" or "-slow" tag so
// the mesh makes them fail their analysis and the demo shows rollbacks too.
import { type Canary, formatImageReference, parseImageReference, parseObject } from "@rollscope/shared";
import type { DemoClock } from "../demo-clock";
import type { DemoStore, RawObject } from "../demo-store";
import { RepeatingTimer } from "../repeating-timer";
import { flaggerScenarioObjects } from "./scenario-objects";

/** Creates the scenario objects that are not in the store yet; returns how many were created. */
export function installFlaggerScenarios(
  store: DemoStore,
  objects: RawObject[] = flaggerScenarioObjects(),
): number {
  let created = 0;
  for (const object of objects) {
    const key = store.keyOf(object);
    if (store.get(key)) continue;
    store.create(object);
    created += 1;
  }
  return created;
}

/** The next release's tag: patch bump, with "-bad"/"-slow" on every Nth release (0 = never). */
export function nextImage(image: string, release: number, badEvery: number, slowEvery: number): string {
  const parsed = parseImageReference(image);
  if (!parsed.ok) return image; // no reference, no next version of it
  const repo = formatImageReference({ registry: parsed.ref.registry, repository: parsed.ref.repository });
  const tag = parsed.ref.tag ?? "latest";
  const version = /^v?(\d+)\.(\d+)\.(\d+)/.exec(tag);
  const suffix =
    badEvery > 0 && release % badEvery === 0
      ? "-bad"
      : slowEvery > 0 && release % slowEvery === 0
        ? "-slow"
        : "";
  if (!version) return `${repo}:${tag.replace(/-(bad|slow|r\d+)+$/, "")}-r${release}${suffix}`;
  const [, major, minor, patch] = version;
  const prefix = tag.startsWith("v") ? "v" : "";
  return `${repo}:${prefix}${major}.${minor}.${Number(patch) + 1}${suffix}`;
}

export interface ReleaseDriverOptions {
  store: DemoStore;
  clock: DemoClock;
  /** Demo seconds a canary rests after Succeeded or Failed before its next release (default 240). */
  everySeconds?: number;
  /** Demo seconds after initialisation before the first release (default 30). */
  firstReleaseAfterSeconds?: number;
  /** Every Nth release is "-bad" (default 4) and every Mth "-slow" (default 7); 0 turns it off. */
  badEvery?: number;
  slowEvery?: number;
  /** Which canaries to drive ("namespace/name"); all when absent. */
  only?: string[];
  /** Real milliseconds between checks once started (default 1000). */
  tickRealMs?: number;
}

const RESTING = new Set(["Initialized", "Succeeded", "Failed"]);

export class ReleaseDriver {
  private readonly releases = new Map<string, number>();
  /** The Promoted condition time each canary rested at when we last released it. */
  private readonly releasedAt = new Map<string, string>();
  private readonly timer = new RepeatingTimer(() => this.tick());

  constructor(private readonly options: ReleaseDriverOptions) {}

  start(): void {
    this.timer.start(this.options.tickRealMs ?? 1000);
  }

  stop(): void {
    this.timer.stop();
  }

  /** Releases a new image for every resting canary whose rest is over; returns the images set. */
  tick(): string[] {
    const { store, clock } = this.options;
    const released: string[] = [];
    for (const raw of store.list("Canary")) {
      const parsed = parseObject("Canary", raw);
      if (!parsed.ok) continue;
      const canary = parsed.value;
      const id = `${canary.metadata.namespace ?? "default"}/${canary.metadata.name}`;
      if (this.options.only && !this.options.only.includes(id)) continue;
      if (!this.due(canary, id, clock.nowMs())) continue;
      const image = this.release(canary, id);
      if (!image) continue;
      released.push(image);
      const promoted = canary.status?.conditions?.find((c) => c.type === "Promoted");
      this.releasedAt.set(id, promoted?.lastUpdateTime ?? promoted?.lastTransitionTime ?? "");
    }
    return released;
  }

  private due(canary: Canary, id: string, nowMs: number): boolean {
    const phase = canary.status?.phase ?? "";
    if (!RESTING.has(phase) || canary.spec.suspend) return false;
    // The Promoted condition's time moves only on a phase change (lastTransitionTime moves every
    // tick of a Failed canary). Until Flagger picks up a release the canary still looks at rest.
    const promoted = canary.status?.conditions?.find((c) => c.type === "Promoted");
    const restingSince = promoted?.lastUpdateTime ?? promoted?.lastTransitionTime ?? "";
    if (this.releasedAt.get(id) === restingSince) return false;
    const since = Date.parse(restingSince);
    if (Number.isNaN(since)) return false;
    const restSeconds =
      phase === "Initialized"
        ? (this.options.firstReleaseAfterSeconds ?? 30)
        : (this.options.everySeconds ?? 240);
    return nowMs - since >= restSeconds * 1000;
  }

  private release(canary: Canary, id: string): string | undefined {
    const { store } = this.options;
    const key = {
      kind: "Deployment" as const,
      namespace: canary.metadata.namespace ?? "default",
      name: canary.spec.targetRef.name,
    };
    const target = store.get(key);
    const template = structuredClone(target?.spec?.template) as
      | { spec?: { containers?: Array<{ image?: string }> } }
      | undefined;
    const container = template?.spec?.containers?.[0];
    if (!target || !template || !container?.image) return undefined;
    const count = (this.releases.get(id) ?? 0) + 1;
    this.releases.set(id, count);
    container.image = nextImage(
      container.image,
      count,
      this.options.badEvery ?? 4,
      this.options.slowEvery ?? 7,
    );
    store.update({ ...target, spec: { ...target.spec, template } });
    return container.image;
  }
}
