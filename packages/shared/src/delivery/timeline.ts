// Typed items of a delivery's step timeline. Argo items come from spec.strategy.canary.steps; Flagger
// items are synthesised from the analysis schedule (stepWeight(s)/maxWeight or iterations).
export type StepState = "done" | "current" | "pending";

interface TimelineBase {
  /** Position in the timeline (for Argo, the index of spec.strategy.canary.steps). */
  index: number;
  state: StepState;
}

export type TimelineItem = TimelineBase &
  (
    | { type: "setWeight"; weight: number }
    | {
        type: "pause";
        /** Undefined = indefinite: waits for a person. */
        durationSeconds?: number;
        /** For the current timed pause: when it started and when it ends. */
        startedAt?: string;
        endsAt?: string;
      }
    | { type: "analysis"; templates: string[]; run?: { name: string; phase: string; message?: string } }
    | {
        type: "experiment";
        templates: string[];
        analyses: string[];
        durationSeconds?: number;
        run?: { name: string; phase: string; message?: string };
      }
    | { type: "setCanaryScale"; weight?: number; replicas?: number; matchTrafficWeight?: boolean }
    | { type: "setHeaderRoute"; route: string }
    | { type: "setMirrorRoute"; route: string; percentage?: number }
    | { type: "plugin"; plugin: string }
    // Flagger schedule
    | { type: "trafficStep"; weight: number }
    | { type: "iteration"; n: number; of: number }
    | {
        type: "gate";
        gate: "confirm-rollout" | "confirm-traffic-increase" | "confirm-promotion";
        webhook: string;
      }
    | { type: "promotion" }
  );

export type TimelineItemType = TimelineItem["type"];
