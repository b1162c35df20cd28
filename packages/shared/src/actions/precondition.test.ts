import { describe, expect, it } from "vitest";
import { rolloutObservedState } from "../argo/observed-state";
import { canaryObservedState } from "../flagger/observed-state";
import { canaryRollout, flaggerCanary } from "../testing/builders";
import { checkPrecondition } from "./precondition";

describe("precondition", () => {
  const seen = rolloutObservedState(canaryRollout());

  it("passes when nothing the person saw has changed", () => {
    expect(
      checkPrecondition(seen, rolloutObservedState(canaryRollout({ status: { readyReplicas: 3 } }))),
    ).toEqual({ ok: true });
  });

  it("refuses a click made on an earlier step, saying what changed", () => {
    const now = rolloutObservedState(canaryRollout({ status: { currentStepIndex: 3 } }));
    const result = checkPrecondition(seen, now);
    expect(result).toEqual({
      ok: false,
      changes: ["step was 1, is now 3"],
      reason:
        "It has changed since you looked (step was 1, is now 3). Review the current state and try again.",
    });
  });

  it("refuses when a new revision arrived or the rollout was aborted meanwhile", () => {
    const now = rolloutObservedState(canaryRollout({ status: { currentPodHash: "abc123", abort: true } }));
    const result = checkPrecondition(seen, now);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.changes).toEqual([
        "revision (pod template hash) was 7d9c5b8f6, is now abc123",
        "aborted was false, is now true",
      ]);
  });

  it("compares only the fields the client sent", () => {
    expect(
      checkPrecondition(
        { podHash: "7d9c5b8f6" },
        rolloutObservedState(canaryRollout({ status: { currentStepIndex: 5 } })),
      ),
    ).toEqual({
      ok: true,
    });
    expect(checkPrecondition(undefined, seen)).toEqual({ ok: true });
  });

  it("refuses a Flagger click made on another phase or release", () => {
    const seenCanary = canaryObservedState(flaggerCanary({ status: { phase: "WaitingPromotion" } }));
    const result = checkPrecondition(
      seenCanary,
      canaryObservedState(flaggerCanary({ status: { phase: "Succeeded", lastAppliedSpec: "new" } })),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.changes).toEqual([
        "phase was WaitingPromotion, is now Succeeded",
        "revision (spec checksum) was 5d8c7b9f4, is now new",
      ]);
  });
});
