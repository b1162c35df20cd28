// The person an action on one cluster is made by, as the audit and the Event name them. In local mode
// that is whoever the cluster says the kubeconfig's credentials are ("alice@example.com via context
// prod"), asked once per cluster; signed-in people and tokens are who they are everywhere.
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import { type Actor, describeActor } from "@rollscope/shared/identity/actor";

export interface ActingPerson {
  actor: Actor;
  /** How the audit, the Event and the history marker name them. */
  identity: string;
}

export async function actingPerson(source: ClusterSource | undefined, actor: Actor): Promise<ActingPerson> {
  if (actor.via !== "kubeconfig" || !source) return { actor, identity: describeActor(actor) };
  try {
    const who = await source.whoAmI();
    const person: Actor = { ...actor, name: who.name, groups: who.groups };
    // "alice via context prod"; the demo and snapshots are no kubeconfig context.
    return {
      actor: person,
      identity: describeActor(person, source.kind === "kube" ? source.name : undefined),
    };
  } catch {
    // The cluster cannot say now: still name the context, so the audit is never anonymous.
    return { actor, identity: describeActor(actor, source.name) };
  }
}
