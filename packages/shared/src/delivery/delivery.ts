// The one ready-to-render picture of a delivery, for Argo Rollouts and Flagger alike. The server builds
// it; the UI never derives status itself.
import type { Condition } from "../schemas/kube/object-meta";
import type { ObjectIssue } from "../schemas/parse";
import type { ActionAvailability } from "./action-availability";
import type { AnalysisRunSummary } from "./analysis-summary";
import type { GitOpsOwner } from "./gitops-owner";
import type { Revision } from "./revision";
import type { TimelineItem } from "./timeline";

export type Controller = "argo" | "flagger";
export type DeliveryKind = "Rollout" | "Canary";
export type Strategy = "canary" | "blueGreen" | "abTesting" | "mirroring";

/**
 * Status shared by both controllers. `paused` means waiting (for a person, a gate or a timer);
 * `degraded` covers aborted, failed and timed-out deliveries.
 */
export type UnifiedPhase = "healthy" | "progressing" | "paused" | "degraded" | "terminated" | "unknown";

export interface DeliveryRef {
  cluster: string;
  kind: DeliveryKind;
  namespace: string;
  name: string;
}

/** One string per delivery, the same in the API's streams and the dashboard's maps. */
export const deliveryId = (r: { cluster: string; kind: string; namespace: string; name: string }) =>
  `${r.cluster}/${r.kind}/${r.namespace}/${r.name}`;

/**
 * An image running in the delivery with the roles of the revisions running it, as the plugin tags
 * them: stable, canary, active, preview, ping, pong, primary, or `Σ:<template>` for experiments.
 */
export interface TaggedImage {
  image: string;
  tags: string[];
}

/**
 * An Argo Experiment of the delivery, as `get rollout` lists it under its revision. Its AnalysisRuns
 * are summarised in Delivery.analysisRuns (role `experiment`) and named here.
 */
export interface ExperimentSummary {
  name: string;
  /** The rollout.argoproj.io/revision annotation; absent when missing or not a number (the plugin shows 0). */
  revision?: number;
  /** status.phase as written; "" before the controller has written one. */
  status: string;
  message?: string;
  /** The Experiment's ReplicaSets: no roles, `experimentTemplate` names the template they run. */
  replicaSets: Revision[];
  /** Names of the Experiment's AnalysisRuns, in the plugin's order. */
  analysisRuns: string[];
}

export interface ReplicaCounts {
  desired: number;
  current: number;
  updated: number;
  ready: number;
  available: number;
}

export interface Delivery {
  ref: DeliveryRef;
  uid?: string;
  resourceVersion?: string;
  createdAt?: string;
  controller: Controller;
  /** Absent for a Rollout whose spec names neither canary nor blueGreen (the plugin shows none). */
  strategy?: Strategy;
  phase: UnifiedPhase;
  /** The controller's own phase word (Argo: Healthy/Paused/…; Flagger: Progressing/WaitingPromotion/…). */
  rawPhase: string;
  message: string;
  /** True when only a person (or a gate a person opens) can move it on. */
  waitingForPerson: boolean;
  aborted: boolean;
  /** Argo canary steps: `index` is steps completed (currentStepIndex), shown as `index/total`. */
  step?: { index: number; total: number };
  /** Flagger A/B and blue-green: analysis iterations done of those required. */
  iteration?: { n: number; of: number };
  /** Canary only (0 otherwise, where the plugin shows no weights). */
  setWeight: number;
  actualWeight: number;
  maxWeight: number;
  timeline: TimelineItem[];
  revisions: Revision[];
  analysisRuns: AnalysisRunSummary[];
  /** Argo: the Rollout's Experiments, highest revision first. */
  experiments?: ExperimentSummary[];
  images: TaggedImage[];
  replicas: ReplicaCounts;
  conditions: Condition[];
  /**
   * Fields of the delivery's object that did not have the shape its CRD asks for and were read
   * leniently (the field's path, what was found and how it was read). Absent when there are none.
   */
  notices?: ObjectIssue[];
  gitOpsOwner?: GitOpsOwner;
  actions: ActionAvailability[];
  /** What a person saw: sent back with an action so a stale click is refused. */
  observed: ObservedState;
  /** Newest transition we can date (condition, pause, status time), for "last change". */
  lastChangeAt?: string;
  labels: Record<string, string>;
}

/** The fields an action's precondition compares; see actions/precondition.ts. */
export interface ObservedState {
  stepIndex?: number;
  podHash?: string;
  stableHash?: string;
  aborted: boolean;
  paused: boolean;
  /** Flagger: phase, weight, iterations and the spec checksum of the run in flight. */
  flaggerPhase?: string;
  canaryWeight?: number;
  iterations?: number;
  lastAppliedSpec?: string;
}
