import { describe, expect, it } from "vitest";
import { rolloutDelivery } from "../argo/rollout-delivery";
import { canaryDelivery } from "../flagger/canary-delivery";
import { canaryRollout, flaggerCanary, settledRollout } from "../testing/builders";
import { estimateFinish } from "./finish-estimate";

const now = Date.parse("2026-11-20T10:00:30Z");

describe("finish estimate", () => {
  it("waits for a person at an indefinite pause", () => {
    const d = rolloutDelivery({ cluster: "c", rollout: canaryRollout() });
    expect(estimateFinish(d, now)).toEqual({
      kind: "waits",
      reason: "waits for a person at the pause at step 1/8",
    });
  });

  it("adds up the remaining timed pauses, counting down the current one", () => {
    // Step 3 is "pause 60s", started at 10:00:00; then 60s and 1m pauses remain.
    const d = rolloutDelivery({
      cluster: "c",
      rollout: canaryRollout({
        status: {
          currentStepIndex: 3,
          pauseConditions: [{ reason: "CanaryPauseStep", startTime: "2026-11-20T10:00:00Z" }],
        },
      }),
    });
    expect(estimateFinish(d, now)).toEqual({
      kind: "known",
      seconds: 150,
      at: "2026-11-20T10:03:00.000Z",
      lowerBound: false,
    });
  });

  it("is done when settled", () => {
    expect(estimateFinish(rolloutDelivery({ cluster: "c", rollout: settledRollout() }), now)).toEqual({
      kind: "done",
    });
  });

  it("multiplies Flagger's remaining checks by its interval", () => {
    const d = canaryDelivery({ cluster: "c", canary: flaggerCanary() });
    // At 10%: 40 steps to go (15..50 = 8 steps) + promotion, 30s each.
    expect(estimateFinish(d, now, 30)).toMatchObject({ kind: "known", seconds: 9 * 30 });
  });
});
