// A Flagger canary's schedule as a timeline: confirm-rollout gate, traffic steps (or iterations),
// confirm-promotion gate, promotion. Flagger keeps no step list, so it is synthesised from the spec.
import type { StepState, TimelineItem } from "../delivery/timeline";
import type { Canary } from "../schemas/flagger/canary";
import { canaryAnalysis, canaryStrategy, weightSchedule } from "./canary-analysis";
import { flaggerPhase } from "./canary-phase";
import { gateWebhooks } from "./webhook-gates";

/** Omit that keeps each member of the union apart. */
type WithoutIndex<T> = T extends unknown ? Omit<T, "index"> : never;

type Stage = "before" | "gateRollout" | "analysis" | "gatePromotion" | "promotion" | "after";

/** Where the run is, in terms of the synthesised stages. */
function stageOf(phase: string): Stage {
  switch (phase) {
    case "Waiting":
      return "gateRollout";
    case "Progressing":
      return "analysis";
    case "WaitingPromotion":
      return "gatePromotion";
    case "Promoting":
    case "Finalising":
      return "promotion";
    case "Succeeded":
      return "after";
    default:
      return "before";
  }
}

const order: Stage[] = ["before", "gateRollout", "analysis", "gatePromotion", "promotion", "after"];

function stateFor(itemStage: Stage, current: Stage): StepState {
  const a = order.indexOf(itemStage);
  const b = order.indexOf(current);
  return a < b ? "done" : a === b ? "current" : "pending";
}

export function canaryTimeline(canary: Canary): TimelineItem[] {
  const phase = flaggerPhase(canary);
  const stage = stageOf(phase);
  const gates = gateWebhooks(canary);
  const items: TimelineItem[] = [];
  const push = (item: WithoutIndex<TimelineItem>) =>
    items.push({ ...item, index: items.length } as TimelineItem);

  for (const g of gates.filter((g) => g.type === "confirm-rollout")) {
    push({ type: "gate", gate: "confirm-rollout", webhook: g.name, state: stateFor("gateRollout", stage) });
  }
  const strategy = canaryStrategy(canary);
  if (strategy === "canary") {
    const weight = canary.status?.canaryWeight ?? 0; // only read while Progressing
    const schedule = weightSchedule(canary);
    for (const w of schedule) {
      let state = stateFor("analysis", stage);
      if (stage === "analysis") state = w < weight ? "done" : w === weight ? "current" : "pending";
      push({ type: "trafficStep", weight: w, state });
    }
  } else {
    const of = canaryAnalysis(canary).iterations ?? 0;
    const done = canary.status?.iterations ?? 0;
    for (let n = 1; n <= Math.min(of, 100); n++) {
      let state = stateFor("analysis", stage);
      if (stage === "analysis") state = n <= done ? "done" : n === done + 1 ? "current" : "pending";
      push({ type: "iteration", n, of, state });
    }
  }
  for (const g of gates.filter((g) => g.type === "confirm-promotion")) {
    push({
      type: "gate",
      gate: "confirm-promotion",
      webhook: g.name,
      state: stateFor("gatePromotion", stage),
    });
  }
  push({ type: "promotion", state: stateFor("promotion", stage) });
  return items;
}
