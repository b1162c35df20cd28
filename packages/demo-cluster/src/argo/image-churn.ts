// Keeps the demo alive: now and then, a rollout that has settled (Healthy, or Degraded after an
// abort) gets the next image of its list, through the same set-image plan Rollscope's action uses.
// Rollouts waiting for a person (a manual pause) are left for the person.
import { planRolloutSetImage, type Rollout, rolloutPhase } from "@rollscope/shared";
import type { DemoStore } from "../demo-store";
import { RepeatingTimer } from "../repeating-timer";
import type { SimClock } from "./clock";
import { parsed } from "./kube-objects";

export interface ChurnTarget {
  namespace: string;
  name: string;
  /** Images to cycle through; the one running is skipped. */
  images: string[];
  /** Container to change (default: the first one). */
  container?: string;
}

export interface ImageChurnOptions {
  store: DemoStore;
  clock: SimClock;
  targets: ChurnTarget[];
  /** Demo ms a rollout stays settled before its next release (default 3 demo minutes). */
  settledForMs?: number;
  /** Demo ms before the first release after the demo starts (default 20 demo seconds). */
  firstReleaseAfterMs?: number;
}

export class ImageChurn {
  private readonly settledSince = new Map<string, number>();
  private readonly released = new Set<string>();
  private readonly cursor = new Map<string, number>();
  private readonly timer = new RepeatingTimer(() => this.tick());

  constructor(private readonly options: ImageChurnOptions) {}

  start(realIntervalMs = 1000): void {
    this.timer.start(realIntervalMs);
  }

  stop(): void {
    this.timer.stop();
  }

  /** Releases a new image on each target that has been settled long enough; returns their names. */
  tick(): string[] {
    const { store, clock } = this.options;
    const now = clock.nowMs();
    const changed: string[] = [];
    for (const target of this.options.targets) {
      const id = `${target.namespace}/${target.name}`;
      const rollout = parsed(
        "Rollout",
        store.get({ kind: "Rollout", namespace: target.namespace, name: target.name }),
      );
      if (!rollout || !isSettled(rollout)) {
        this.settledSince.delete(id);
        continue;
      }
      const since = this.settledSince.get(id) ?? now;
      this.settledSince.set(id, since);
      const wait = this.released.has(id)
        ? (this.options.settledForMs ?? 180_000)
        : (this.options.firstReleaseAfterMs ?? 20_000);
      if (now - since < wait) continue;
      if (this.release(rollout, target)) {
        this.released.add(id);
        this.settledSince.delete(id);
        changed.push(id);
      }
    }
    return changed;
  }

  private release(rollout: Rollout, target: ChurnTarget): boolean {
    const container = target.container ?? rollout.spec.template?.spec?.containers?.[0]?.name;
    const current = rollout.spec.template?.spec?.containers?.find((c) => c.name === container)?.image;
    if (!container || target.images.length === 0) return false;
    const id = `${target.namespace}/${target.name}`;
    let index = this.cursor.get(id) ?? 0;
    let next = target.images[index % target.images.length];
    if (next === current) next = target.images[++index % target.images.length];
    this.cursor.set(id, index + 1);
    if (!next || next === current) return false;
    const plan = planRolloutSetImage(rollout, { container, image: next });
    if (!plan.ok) return false;
    for (const request of plan.plan.requests) {
      if (request.type !== "patch") continue;
      const key = {
        kind: request.target.kind,
        namespace: request.target.namespace,
        name: request.target.name,
      };
      this.options.store.patch(key, { patchType: request.patchType, body: request.body });
    }
    return true;
  }
}

function isSettled(rollout: Rollout): boolean {
  const { phase } = rolloutPhase(rollout);
  return phase === "Healthy" || (phase === "Degraded" && Boolean(rollout.status?.abort));
}
