// Objects a controller creates on behalf of an owner: in the owner's namespace and controlled by it.
import type { PodTemplate } from "@rollscope/shared";
import type { RawObject } from "../demo-store";
import { clone, controllerRef, HASH_LABEL } from "./kube-objects";

export type Owner = { kind: string; metadata: { name: string; namespace?: string; uid?: string } };

type Labels = Record<string, string>;

/** The metadata of an object `owner` creates and controls. */
export function ownedMetadata(owner: Owner, name: string, labels: Labels, annotations: Labels) {
  return {
    name,
    namespace: owner.metadata.namespace ?? "default",
    labels,
    annotations,
    ownerReferences: [controllerRef(owner)],
  };
}

export interface TemplateReplicaSet {
  owner: Owner;
  name: string;
  template: PodTemplate;
  /** The pod-template-hash label value added to the pods, the selector and the ReplicaSet. */
  hash: string;
  selector: Labels | null | undefined;
  replicas: number;
  annotations: Labels;
}

/** A ReplicaSet running `template`, as the Rollout and Experiment controllers create one. */
export function replicaSetFromTemplate(input: TemplateReplicaSet): RawObject {
  const template = clone(input.template);
  const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: input.hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: ownedMetadata(input.owner, input.name, labels, input.annotations),
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: { ...(input.selector ?? {}), [HASH_LABEL]: input.hash } },
      template,
    },
  };
}
