// Roll back to an earlier revision: copy that ReplicaSet's pod template into the Rollout
// (`kubectl argo rollouts undo --to-revision N`), minus the pod-template-hash label the controller adds.
import { parseRevision, podTemplateHashLabel } from "../../argo/rollout-revisions";
import { canonicalJson } from "../../encoding/canonical-json";
import { ownedBy } from "../../kube/pod-summary";
import type { Rollout } from "../../schemas/argo/rollout";
import type { PodTemplate } from "../../schemas/kube/pod-template";
import type { ReplicaSet } from "../../schemas/kube/replica-set";
import type { PlanResult } from "../action-plan";
import { rolloutTarget } from "./rollout-target";

function withoutHashLabel(template: PodTemplate): PodTemplate {
  const { [podTemplateHashLabel]: _hash, ...labels } = template.metadata?.labels ?? {};
  return { ...template, metadata: { ...template.metadata, labels } };
}

/** Revisions a person can roll back to, newest first. */
export function undoableRevisions(rollout: Rollout, replicaSets: ReplicaSet[]): number[] {
  const current = parseRevision(rollout.metadata.annotations);
  return ownedBy(replicaSets, { kind: "Rollout", name: rollout.metadata.name, uid: rollout.metadata.uid })
    .map((rs) => parseRevision(rs.metadata.annotations))
    .filter((r): r is number => r !== undefined && r !== current)
    .sort((a, b) => b - a);
}

/** `toRevision` 0 means the previous revision, as in the plugin. */
export function planUndo(rollout: Rollout, replicaSets: ReplicaSet[], toRevision: number): PlanResult {
  if (rollout.spec.workloadRef?.name) {
    return {
      ok: false,
      reason:
        "This rollout takes its template from a workloadRef; roll back the referenced Deployment instead.",
    };
  }
  const owned = ownedBy(replicaSets, {
    kind: "Rollout",
    name: rollout.metadata.name,
    uid: rollout.metadata.uid,
  });
  const current = parseRevision(rollout.metadata.annotations);
  const candidates = undoableRevisions(rollout, replicaSets);
  const wanted = toRevision === 0 ? candidates.find((r) => current === undefined || r < current) : toRevision;
  if (wanted === undefined) return { ok: false, reason: "There is no previous revision to roll back to." };
  if (wanted === current) return { ok: false, reason: `Revision ${wanted} is already the current revision.` };
  const rs = owned.find((r) => parseRevision(r.metadata.annotations) === wanted);
  if (!rs?.spec?.template) {
    const known = candidates.length > 0 ? candidates.join(", ") : "none";
    return {
      ok: false,
      reason: `Revision ${wanted} was not found; revisions you can roll back to: ${known}.`,
    };
  }
  const template = withoutHashLabel(rs.spec.template);
  if (canonicalJson(withoutHashLabel(rollout.spec.template ?? {})) === canonicalJson(template)) {
    return { ok: false, reason: `The current pod template already matches revision ${wanted}.` };
  }
  return {
    ok: true,
    plan: {
      action: "undo",
      lever: "spec patch",
      description: `Roll back: replace the rollout's pod template with that of revision ${wanted} (${rs.metadata.name}); this starts a new revision through the usual steps.`,
      requests: [
        {
          type: "patch",
          target: rolloutTarget(rollout),
          patchType: "json",
          body: [{ op: "replace", path: "/spec/template", value: template }],
        },
      ],
    },
  };
}
