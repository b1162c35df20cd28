import { describe, expect, it } from "vitest";
import type { Rollout } from "../schemas/argo/rollout";
import { isGenerationObserved, rolloutPhase } from "./rollout-phase";

const rollout = (generation: number, observedGeneration: string | number | undefined): Rollout => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Rollout",
  metadata: { name: "web", namespace: "shop", generation },
  spec: { replicas: 1, strategy: { canary: {} } },
  status: {
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
    replicas: 2,
    updatedReplicas: 1,
    availableReplicas: 1,
  },
});

describe("isGenerationObserved, as the plugin's strconv.Atoi reads status.observedGeneration", () => {
  it("compares a whole decimal number with metadata.generation", () => {
    expect(isGenerationObserved(rollout(2, "1"))).toBe(false);
    expect(isGenerationObserved(rollout(2, "2"))).toBe(true);
    expect(isGenerationObserved(rollout(2, "+2"))).toBe(true);
    expect(isGenerationObserved(rollout(2, 1))).toBe(false);
    // Higher than the generation: a replaced object, or a v0.9 hash made only of digits.
    expect(isGenerationObserved(rollout(1, "8575574967"))).toBe(true);
  });

  it("treats a pre-v0.10 hash as observed, even when it starts with digits", () => {
    // Argo CD's canary/progressing_killingOldReplicas.yaml: generation 101, observedGeneration 7fcc96c7b7.
    expect(isGenerationObserved(rollout(101, "7fcc96c7b7"))).toBe(true);
    expect(isGenerationObserved(rollout(12, "7b965d5d74"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "c45557fd9"))).toBe(true);
    expect(isGenerationObserved(rollout(3, " 2"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "1.0"))).toBe(true);
    expect(isGenerationObserved(rollout(3, ""))).toBe(true);
    expect(isGenerationObserved(rollout(3, undefined))).toBe(true);
  });

  it("treats a number beyond int64 as observed (Atoi fails with a range error)", () => {
    expect(isGenerationObserved(rollout(3, "9223372036854775808"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "-9223372036854775809"))).toBe(true);
    expect(isGenerationObserved(rollout(3, "-9223372036854775808"))).toBe(false);
  });

  it("so a hash-observed Rollout gets the client-side phase, not 'waiting for … to be observed'", () => {
    expect(rolloutPhase(rollout(101, "7fcc96c7b7"))).toEqual({
      phase: "Progressing",
      message: "old replicas are pending termination",
    });
  });
});
