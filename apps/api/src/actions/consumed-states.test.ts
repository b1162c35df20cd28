import type { ObservedState } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import { ConsumedStates } from "./consumed-states";

const at = new Date("2026-11-20T10:00:00Z");
const later = (ms: number) => new Date(at.getTime() + ms);
const pausedAtStep1: ObservedState = { stepIndex: 1, podHash: "7d9c5b8f6", aborted: false, paused: true };
const consumed = { action: "promote" as const, identity: "ana", at, state: pausedAtStep1 };

describe("consumed states", () => {
  it("names the action that already acted on exactly the state sent", () => {
    const states = new ConsumedStates(120_000);
    states.remember("myapp", consumed);
    expect(states.actedOn("myapp", pausedAtStep1, later(1_000))).toBe(consumed);
    expect(states.actedOn("other", pausedAtStep1, later(1_000))).toBeUndefined();
  });

  it("compares every field sent: a person who saw the pause cleared saw a new state", () => {
    const states = new ConsumedStates(120_000);
    states.remember("myapp", consumed);
    expect(states.actedOn("myapp", { ...pausedAtStep1, paused: false }, later(1_000))).toBeUndefined();
    expect(states.actedOn("myapp", { ...pausedAtStep1, stepIndex: 2 }, later(1_000))).toBeUndefined();
  });

  it("forgets a state once its time bound has passed", () => {
    const states = new ConsumedStates(120_000);
    states.remember("myapp", consumed);
    expect(states.actedOn("myapp", pausedAtStep1, later(119_999))).toBe(consumed);
    expect(states.actedOn("myapp", pausedAtStep1, later(120_000))).toBeUndefined();
    expect(states.size).toBe(0);
  });

  it("forgets a state once the cache shows a change the stale check compares, or the object is gone", () => {
    const states = new ConsumedStates(120_000);
    states.remember("myapp", consumed);
    // Pause cleared, step not yet moved: the stale check cannot tell, so it is still remembered.
    states.observe("myapp", { ...pausedAtStep1, paused: false });
    expect(states.has("myapp")).toBe(true);
    states.observe("myapp", { ...pausedAtStep1, paused: false, stepIndex: 2 });
    expect(states.has("myapp")).toBe(false);
    states.remember("myapp", consumed);
    states.observe("myapp", undefined);
    expect(states.has("myapp")).toBe(false);
  });

  it("keeps at most maxObjects, dropping the oldest first", () => {
    const states = new ConsumedStates(120_000, 2);
    states.remember("a", consumed);
    states.remember("b", consumed);
    states.remember("a", consumed);
    states.remember("c", consumed);
    expect([states.has("a"), states.has("b"), states.has("c")]).toEqual([true, false, true]);
    expect(states.size).toBe(2);
  });
});
