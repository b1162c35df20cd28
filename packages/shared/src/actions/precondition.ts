// A click carries the state the person saw. If the delivery has moved on since, the action is refused
// with what changed, so nobody promotes past a step they never saw.
import type { ObservedState } from "../delivery/delivery";

export type PreconditionResult = { ok: true } | { ok: false; reason: string; changes: string[] };

type Field = keyof ObservedState;

const labels: Record<Field, string> = {
  stepIndex: "step",
  podHash: "revision (pod template hash)",
  stableHash: "stable revision",
  aborted: "aborted",
  paused: "paused",
  flaggerPhase: "phase",
  canaryWeight: "canary weight",
  iterations: "iterations",
  lastAppliedSpec: "revision (spec checksum)",
};

/** Fields compared for every action: a different revision or step means a different situation. */
export const defaultPreconditionFields: Field[] = [
  "stepIndex",
  "podHash",
  "aborted",
  "flaggerPhase",
  "lastAppliedSpec",
];

function show(value: unknown): string {
  return value === undefined ? "none" : String(value);
}

export function checkPrecondition(
  seen: Partial<ObservedState> | undefined,
  current: ObservedState,
  fields: Field[] = defaultPreconditionFields,
): PreconditionResult {
  if (!seen) return { ok: true };
  const changes: string[] = [];
  for (const field of fields) {
    // A field the client did not send is not compared.
    if (!(field in seen)) continue;
    if (seen[field] !== current[field]) {
      changes.push(`${labels[field]} was ${show(seen[field])}, is now ${show(current[field])}`);
    }
  }
  if (changes.length === 0) return { ok: true };
  return {
    ok: false,
    changes,
    reason: `It has changed since you looked (${changes.join("; ")}). Review the current state and try again.`,
  };
}
