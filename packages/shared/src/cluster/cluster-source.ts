// The seam between a cluster and everything else. Three implementations: kube (a real API server),
// demo (an in-process simulated cluster) and snapshot (read-only objects from files).
import type { ActionRequest } from "../actions/action-plan";
import type { Actor } from "../identity/actor";
import type { ActionEvent } from "../kube/kube-event";
import type { ObjectStore } from "./object-store";

export type SourceKind = "kube" | "demo" | "snapshot";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "error";

export interface ClusterHealth {
  state: ConnectionState;
  /** When the current state began (ISO time). */
  since: string;
  lastError?: string;
  /** Every watched kind has completed its first list. */
  synced: boolean;
  /** Controllers whose CRDs are missing, with a hint (e.g. "Flagger CRDs not installed"). */
  absent: Array<{ controller: "argo" | "flagger" | "istio"; hint: string }>;
}

/** A request the source could not carry out, with what a person should know. */
export class ClusterRequestError extends Error {
  constructor(
    message: string,
    readonly code: "Forbidden" | "NotFound" | "Conflict" | "Invalid" | "Unavailable" | "ReadOnly",
    readonly status?: number,
  ) {
    super(message);
    this.name = "ClusterRequestError";
  }
}

export interface AccessCheck {
  verb: "get" | "list" | "watch" | "patch" | "update" | "create";
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
}

/**
 * An access check with any verb, custom ones included: `promote` on `rollouts.argoproj.io` is a verb
 * RBAC can grant although no API request uses it ("action verbs" mode).
 */
export type AccessCheckAnyVerb = Omit<AccessCheck, "verb"> & { verb: string };

/** Who a cluster says a set of credentials is. */
export interface ClusterIdentity {
  name: string;
  groups: string[];
}

/** The requests a source carries out itself (Rollscope's own gate decisions never reach it). */
export type ActionRequestForSource = Exclude<ActionRequest, { type: "rollscopeGate" }>;

export interface ClusterSource {
  /** Stable id used in URLs: the kubeconfig context, "demo", or the snapshot folder's name. */
  readonly name: string;
  readonly kind: SourceKind;
  /** Shown to people, e.g. "Demo cluster" or "prod-eu (kind-prod)". */
  readonly label: string;
  readonly store: ObjectStore;
  /** Why mutations are impossible here (snapshots), or undefined. */
  readonly readOnlyReason?: string;
  /** Files that could not be loaded (a snapshot's), each with the reason; the rest still loads. */
  readonly fileErrors?: ReadonlyArray<{ file: string; message: string }>;
  /** Prometheus base URL for this cluster, when there is one. */
  readonly prometheusUrl?: string;
  /** Why this cluster has no Prometheus, when the source knows (e.g. the binary is not installed). */
  readonly prometheusNote?: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): ClusterHealth;
  /** Calls `listener` whenever health changes (sources whose health never changes need not offer it). */
  onHealthChange?(listener: (health: ClusterHealth) => void): () => void;
  /**
   * Carries out one request of an action plan (patch or loadtester call through the service proxy).
   * Rejects with ClusterRequestError. Rollscope gate requests never reach a source.
   * With an impersonating actor (oidc sign-in) every HTTP request it takes is made as that person.
   */
  execute(request: ActionRequestForSource, actor?: Actor): Promise<void>;
  /**
   * SelfSubjectAccessReview: may the identity Rollscope runs as do this? With an impersonating actor,
   * may that person (the review is made as them; answers are cached per person, briefly).
   */
  canI(check: AccessCheck, actor?: Actor): Promise<boolean>;
  /**
   * Who the source's own credentials are (SelfSubjectReview for a kubeconfig), asked once and kept:
   * the person `--auth local` names in the audit and the Events.
   */
  whoAmI(): Promise<ClusterIdentity>;
  /**
   * SubjectAccessReview made with Rollscope's credentials: may this person do `check` (any verb,
   * custom ones included)? For the action-verbs mode, where Rollscope acts after the cluster says the
   * person may. Cached per person, briefly.
   */
  reviewAccess(actor: Actor, check: AccessCheckAnyVerb): Promise<boolean>;
  /** Records a Kubernetes Event on an object, where RBAC allows; never throws. */
  recordEvent(event: ActionEvent): Promise<void>;
}
