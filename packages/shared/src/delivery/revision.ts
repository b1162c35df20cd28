// A revision of a delivery: an Argo ReplicaSet, or a Flagger target/primary Deployment.
export type RevisionRole = "stable" | "canary" | "active" | "preview" | "ping" | "pong" | "primary";

/** ReplicaSet status as the kubectl plugin shows it. */
export type RevisionStatus = "Healthy" | "Progressing" | "ReplicaFailure" | "Degraded" | "ScaledDown";

export interface PodSummary {
  name: string;
  phase: string;
  /** The pod's Ready condition. */
  ready: boolean;
  /** Plugin-style status, e.g. Running, ContainerCreating, CrashLoopBackOff, Terminating. */
  status: string;
  /** The plugin's READY column is `${readyContainers}/${containers}`. */
  readyContainers: number;
  /** App containers of the pod spec (init and sidecar containers are not counted). */
  containers: number;
  /** Plugin-style count: app containers once initialised, init containers while initialising. */
  restarts: number;
  createdAt?: string;
}

export interface Revision {
  /** ReplicaSet or Deployment name. */
  name: string;
  kind: "ReplicaSet" | "Deployment";
  revision?: number;
  podTemplateHash?: string;
  roles: RevisionRole[];
  status: RevisionStatus;
  images: string[];
  /** Container names of the pod template (for set image). */
  containers: string[];
  /** desired = spec.replicas; current = status.replicas. */
  replicas: { desired: number; current: number; ready: number; available: number };
  pods: PodSummary[];
  createdAt?: string;
  /** `scale-down-deadline` annotation on a ReplicaSet waiting to be scaled down. */
  scaleDownDeadline?: string;
  /** Experiment template name for ReplicaSets owned by an Experiment. */
  experimentTemplate?: string;
}
