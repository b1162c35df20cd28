// The Rollout's own ReplicaSets (rollout/sync.go, replicaset.go): create the new one, keep revision
// annotations in step (reusing an old ReplicaSet on undo bumps its revision), scale with
// ScalingReplicaSet events, delay scale-downs with the scale-down-deadline annotation, and prune
// history beyond revisionHistoryLimit.
import { formatTimestamp, parseTimestamp } from "./clock";
import {
  asRaw,
  DESIRED_REPLICAS_ANNOTATION,
  hashOf,
  keyOf,
  parsed,
  REVISION_ANNOTATION,
  revisionOf,
  SCALE_DOWN_DEADLINE_ANNOTATION,
} from "./kube-objects";
import { replicaSetFromTemplate } from "./owned-objects";
import { Message, newCondition, Reason, setCondition } from "./rollout-conditions";
import type { ReplicaSet, RolloutContext } from "./rollout-context";

const DEFAULT_REVISION_HISTORY_LIMIT = 10;

function writeRS(ctx: RolloutContext, rs: ReplicaSet): ReplicaSet {
  const stored = ctx.env.store.update(asRaw({ ...rs, kind: "ReplicaSet", apiVersion: "apps/v1" }));
  const next = parsed("ReplicaSet", stored) as ReplicaSet;
  Object.assign(rs, next);
  return rs;
}

/** setRolloutRevision: the Rollout's revision annotation follows its new ReplicaSet's. */
function setRolloutRevision(ctx: RolloutContext, revision: string): void {
  const annotations = ctx.rollout.metadata.annotations ?? {};
  if (annotations[REVISION_ANNOTATION] === revision) return;
  const key = keyOf(asRaw({ ...ctx.rollout, kind: "Rollout" }));
  const fresh = ctx.env.store.get(key);
  if (!fresh) return;
  fresh.metadata.annotations = { ...(fresh.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
  const stored = ctx.env.store.update(fresh);
  ctx.rollout = { ...ctx.rollout, metadata: { ...ctx.rollout.metadata, ...stored.metadata } };
  ctx.env.events.normal(ctx.rollout, "RolloutUpdated", `Rollout updated to revision ${revision}`);
}

/** getAllReplicaSetsAndSyncRevision */
export function syncReplicaSetsAndRevision(ctx: RolloutContext, createIfMissing: boolean): void {
  const maxOld = Math.max(0, ...ctx.olderRSs.map(revisionOf));
  const newRevision = String(maxOld + 1);
  const newRS = ctx.newRS;
  if (newRS) {
    const current = revisionOf(newRS);
    if (current < maxOld + 1) {
      newRS.metadata.annotations = {
        ...(newRS.metadata.annotations ?? {}),
        [REVISION_ANNOTATION]: newRevision,
      };
      writeRS(ctx, newRS);
    }
    setRolloutRevision(ctx, newRS.metadata.annotations?.[REVISION_ANNOTATION] ?? newRevision);
    if (!ctx.conditions.some((c) => c.type === "Progressing")) {
      const cond = newCondition(
        "Progressing",
        "True",
        Reason.FoundNewReplicaSet,
        Message.foundNewReplicaSet(newRS.metadata.name),
        ctx.now(),
      );
      setCondition(ctx.conditions, cond);
    }
    return;
  }
  if (createIfMissing) createReplicaSet(ctx, newRevision);
}

function createReplicaSet(ctx: RolloutContext, revision: string): void {
  const ro = ctx.rollout;
  const name = `${ro.metadata.name}-${ctx.hash}`;
  const raw = replicaSetFromTemplate({
    owner: { kind: "Rollout", metadata: ro.metadata },
    name,
    template: ctx.template,
    hash: ctx.hash,
    selector: ro.spec.selector?.matchLabels,
    replicas: 0,
    annotations: { [REVISION_ANNOTATION]: revision, [DESIRED_REPLICAS_ANNOTATION]: String(ctx.replicas) },
  });
  const existing = ctx.env.store.get(keyOf(raw));
  const created = existing ?? ctx.env.store.create(raw);
  const rs = parsed("ReplicaSet", created) as ReplicaSet;
  ctx.allRSs.push(rs);
  ctx.newRS = rs;
  setRolloutRevision(ctx, revision);
  if (existing) return;
  ctx.env.events.normal(ro, Reason.NewReplicaSetCreated, `Created ReplicaSet ${name} (revision ${revision})`);
  setCondition(
    ctx.conditions,
    newCondition("Progressing", "True", Reason.NewReplicaSetCreated, Message.newReplicaSet(name), ctx.now()),
  );
}

/** scaleReplicaSetAndRecordEvent: true when the size changed. */
export function scaleReplicaSet(
  ctx: RolloutContext,
  rs: ReplicaSet,
  newScale: number,
  keepDeadline = false,
): boolean {
  const oldScale = rs.spec?.replicas ?? 1;
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  const desired = String(ctx.replicas);
  if (oldScale === newScale && annotations[DESIRED_REPLICAS_ANNOTATION] === desired) return false;
  annotations[DESIRED_REPLICAS_ANNOTATION] = desired;
  if (newScale === 0 && !keepDeadline) delete annotations[SCALE_DOWN_DEADLINE_ANNOTATION];
  rs.metadata.annotations = annotations;
  rs.spec = { ...(rs.spec ?? {}), replicas: newScale };
  writeRS(ctx, rs);
  if (oldScale === newScale) return false;
  const direction = oldScale < newScale ? "up" : "down";
  ctx.env.events.normal(
    ctx.rollout,
    "ScalingReplicaSet",
    `Scaled ${direction} ReplicaSet ${rs.metadata.name} (revision ${revisionOf(rs)}) from ${oldScale} to ${newScale}`,
  );
  return true;
}

/**
 * scaleDownDelayHelper: an old ReplicaSet that was serving traffic keeps its pods for `delaySeconds`
 * (annotation scale-down-deadline), then goes to 0. Returns the size it should have now.
 */
export function delayedScaleDown(ctx: RolloutContext, rs: ReplicaSet, delaySeconds: number): number {
  if ((rs.spec?.replicas ?? 0) === 0 || delaySeconds <= 0) return 0;
  const deadline = parseTimestamp(rs.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]);
  if (deadline === undefined) {
    setScaleDownDeadline(ctx, rs, delaySeconds);
    return rs.spec?.replicas ?? 0;
  }
  return ctx.env.clock.nowMs() < deadline ? (rs.spec?.replicas ?? 0) : 0;
}

export function setScaleDownDeadline(ctx: RolloutContext, rs: ReplicaSet, delaySeconds: number): void {
  const deadline = formatTimestamp(ctx.env.clock.nowMs() + delaySeconds * 1000);
  rs.metadata.annotations = {
    ...(rs.metadata.annotations ?? {}),
    [SCALE_DOWN_DEADLINE_ANNOTATION]: deadline,
  };
  writeRS(ctx, rs);
}

/** removeScaleDownDeadlines: the new and stable ReplicaSets never keep a deadline. */
export function removeScaleDownDeadlines(ctx: RolloutContext): void {
  for (const rs of [ctx.newRS, ctx.stableRS]) {
    if (!rs?.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]) continue;
    if (rs === ctx.newRS && ctx.pause.isAborted()) continue;
    const { [SCALE_DOWN_DEADLINE_ANNOTATION]: _gone, ...rest } = rs.metadata.annotations;
    rs.metadata.annotations = rest;
    writeRS(ctx, rs);
  }
}

/** reconcileRevisionHistoryLimit: delete the oldest scaled-down ReplicaSets and their runs. */
export function reconcileRevisionHistoryLimit(ctx: RolloutContext): void {
  const limit = ctx.rollout.spec.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  const old = ctx.otherRSs.sort(
    (a, b) =>
      (parseTimestamp(a.metadata.creationTimestamp) ?? 0) -
        (parseTimestamp(b.metadata.creationTimestamp) ?? 0) || revisionOf(a) - revisionOf(b),
  );
  const excess = old.length - limit;
  const { store } = ctx.env;
  for (const rs of old.slice(0, Math.max(0, excess))) {
    if ((rs.spec?.replicas ?? 0) !== 0 || (rs.status?.replicas ?? 0) !== 0) continue;
    store.delete(keyOf(asRaw({ ...rs, kind: "ReplicaSet" })));
    const index = ctx.allRSs.indexOf(rs);
    if (index >= 0) ctx.allRSs.splice(index, 1);
    const hash = hashOf(rs);
    for (const run of ctx.otherArs) {
      if (hashOf(run) === hash)
        store.delete({
          kind: "AnalysisRun",
          namespace: run.metadata.namespace ?? "",
          name: run.metadata.name,
        });
    }
    for (const ex of ctx.otherExs) {
      if (hashOf(ex) === hash)
        store.delete({ kind: "Experiment", namespace: ex.metadata.namespace ?? "", name: ex.metadata.name });
    }
  }
}
