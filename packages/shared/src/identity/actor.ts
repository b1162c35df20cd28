// Who is acting: always a person (or a named token), never "the dashboard". The audit, the Kubernetes
// Event and — in oidc mode, through impersonation — the API server's own audit log name the same one.

export type ActorSource = "kubeconfig" | "token" | "oidc" | "anonymous";

export interface Actor {
  /** The user name the cluster knows (kubeconfig user, OIDC username claim) or the token's name. */
  name: string;
  /** Groups, as the cluster or the identity provider gives them. */
  groups: string[];
  /** How the person proved who they are. */
  via: ActorSource;
  /**
   * Requests made for this person carry Kubernetes impersonation headers (Impersonate-User/-Group),
   * so the cluster's RBAC decides and its audit log names them. Only people signed in with OIDC:
   * kubeconfig users already act with their own credentials, tokens with Rollscope's.
   */
  impersonate: boolean;
}

/** How the audit, Events and the UI name an actor, e.g. "alice@example.com via context prod". */
export function describeActor(actor: Actor, cluster?: string): string {
  switch (actor.via) {
    case "kubeconfig":
      return cluster ? `${actor.name} via context ${cluster}` : actor.name;
    case "token":
      return `token ${actor.name}`;
    case "oidc":
      return actor.name;
    case "anonymous":
      return `anonymous (${actor.name})`;
  }
}

/** A stable key for caches kept per person (permission answers). */
export function actorKey(actor: Actor): string {
  return JSON.stringify([actor.via, actor.name, [...actor.groups].sort(), actor.impersonate]);
}

/** A named token's holder: scripts, CI, tests. */
export function tokenActorNamed(name: string): Actor {
  return { name, groups: [], via: "token", impersonate: false };
}
