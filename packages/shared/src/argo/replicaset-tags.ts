// The tags of a Rollout's ReplicaSet (info.GetReplicaSetInfo), how `get rollout` prints them
// (get.PrintReplicaSetInfo) and how the Images line carries them (info.Images).
import type { RevisionRole } from "../delivery/revision";
import type { Rollout } from "../schemas/argo/rollout";

/** Which of the plugin's ReplicaSetInfo flags are set; several can be when a spec names both strategies. */
export interface ReplicaSetFlags {
  stable: boolean;
  canary: boolean;
  active: boolean;
  preview: boolean;
  ping: boolean;
  pong: boolean;
}

/**
 * The flags of the ReplicaSet with pod-template hash `hash` ("" when the label is missing, which then
 * matches an empty status field, as in the plugin).
 */
export function replicaSetFlags(rollout: Rollout, hash: string): ReplicaSetFlags {
  const flags = { stable: false, canary: false, active: false, preview: false, ping: false, pong: false };
  const status = rollout.status;
  const { canary, blueGreen } = rollout.spec.strategy ?? {};
  if (canary) {
    const pingPong = Boolean(canary.pingPong);
    const stableIsPing = status?.canary?.stablePingPong === "ping";
    if ((status?.stableRS ?? "") === hash) {
      flags.stable = true;
      if (pingPong) [flags.ping, flags.pong] = [stableIsPing, !stableIsPing];
    } else if ((status?.currentPodHash ?? "") === hash) {
      flags.canary = true;
      if (pingPong) [flags.ping, flags.pong] = [!stableIsPing, stableIsPing];
    }
  }
  if (blueGreen) {
    if ((status?.stableRS ?? "") === hash) flags.stable = true;
    if ((status?.blueGreen?.activeSelector ?? "") === hash) flags.active = true;
    else if ((status?.blueGreen?.previewSelector ?? "") === hash) flags.preview = true;
  }
  return flags;
}

/** The tags `get rollout` prints beside the ReplicaSet, once each: canary hides active and preview. */
export function printedTags(flags: ReplicaSetFlags): RevisionRole[] {
  const tags: RevisionRole[] = [];
  if (flags.stable) tags.push("stable");
  if (flags.canary) tags.push("canary");
  else if (flags.active) tags.push("active");
  else if (flags.preview) tags.push("preview");
  if (flags.ping) tags.push("ping");
  if (flags.pong) tags.push("pong");
  return tags;
}

/** The tags the Images line gives the ReplicaSet's images: every flag, canary first. */
export function imageTags(flags: ReplicaSetFlags): RevisionRole[] {
  const order = ["canary", "stable", "active", "preview", "ping", "pong"] as const;
  return order.filter((tag) => flags[tag]);
}
