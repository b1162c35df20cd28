import { describe, expect, it } from "vitest";
import { undoableRevisions } from "../actions/argo/undo";
import { rolloutDelivery } from "../argo/rollout-delivery";
import { blueGreenRollout, canaryRollout, replicaSet, settledRollout } from "../testing/builders";
import { rollbackChoices } from "./rollback-choices";

describe("rollback choices", () => {
  it("blue-green waiting for promotion: the active revision is offered, the preview is not", () => {
    const rollout = blueGreenRollout({ metadata: { annotations: { "rollout.argoproj.io/revision": "3" } } });
    const replicaSets = [
      replicaSet(rollout, "bbb", 3, "ghcr.io/acme/checkout:1.5.0", 3),
      replicaSet(rollout, "aaa", 2, "ghcr.io/acme/checkout:1.4.0", 3),
      replicaSet(rollout, "ccc", 1, "ghcr.io/acme/checkout:1.3.0", 0),
    ];
    const d = rolloutDelivery({ cluster: "c", rollout, replicaSets });
    expect(d.revisions.find((r) => r.revision === 3)?.roles).toContain("preview");
    const choices = rollbackChoices(d.revisions).map((r) => r.revision);
    expect(choices).toEqual([2, 1]);
    // The same list the server accepts.
    expect(choices).toEqual(undoableRevisions(rollout, replicaSets));
  });

  it("canary mid-update: the stable revision and older ones", () => {
    const rollout = canaryRollout();
    const replicaSets = [
      replicaSet(rollout, "7d9c5b8f6", 2, "argoproj/rollouts-demo:yellow", 1),
      replicaSet(rollout, "55bdff45cb", 1, "argoproj/rollouts-demo:blue", 5),
    ];
    const d = rolloutDelivery({ cluster: "c", rollout, replicaSets });
    expect(rollbackChoices(d.revisions).map((r) => r.revision)).toEqual([1]);
  });

  it("at rest after a rollback renumbered an old revision: everything below the newest number", () => {
    const rollout = settledRollout({ metadata: { annotations: { "rollout.argoproj.io/revision": "3" } } });
    const replicaSets = [
      replicaSet(rollout, "55bdff45cb", 3, "argoproj/rollouts-demo:blue", 5),
      replicaSet(rollout, "7d9c5b8f6", 2, "argoproj/rollouts-demo:yellow", 0),
    ];
    const d = rolloutDelivery({ cluster: "c", rollout, replicaSets });
    expect(rollbackChoices(d.revisions).map((r) => r.revision)).toEqual([2]);
  });

  it("no revisions, no choices", () => {
    expect(rollbackChoices([])).toEqual([]);
  });
});
