// What the kube source watches, as data. One informer per kind (per namespace when restricted), with
// server-side selectors where they can say what Rollscope needs:
// - ReplicaSets and Pods: two informers each, `rollouts-pod-template-hash` (Argo Rollouts and
//   Experiments) and `pod-template-hash` (every Deployment's, which covers Flagger targets and their
//   `-primary` copies). A selector cannot say "owned by a Deployment that a Canary targets", and that
//   set changes at runtime; taking every Deployment's is correct and still leaves out DaemonSet,
//   StatefulSet and Job pods, which are most of a cluster's pods.
// - Events: one informer per involved kind we show (`involvedObject.kind=Rollout`, …); field
//   selectors cannot express OR. The cache keeps only the newest events per object (event-retention).
import { type KnownKind, kindResources } from "@rollscope/shared";
import { collectionPath } from "./resource-paths";

export interface InformerSpec {
  /** Unique within a cluster, e.g. `Pod[pod-template-hash]@shop`. */
  id: string;
  kind: KnownKind;
  path: string;
  /** Undefined: all namespaces (or a cluster-scoped kind). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface InformerPlanOptions {
  /** Kinds whose API the cluster serves (built-ins plus discovered CRDs). */
  kinds: ReadonlySet<KnownKind>;
  /** Restrict to these namespaces; empty or undefined = all. */
  namespaces?: readonly string[];
  eventInvolvedKinds: readonly string[];
}

/** Built-in kinds: always served, watched from the start. */
export const builtinKinds: readonly KnownKind[] = ["Deployment", "ReplicaSet", "Pod", "Event"];

/** Events worth showing: the controllers' timelines (Argo, Flagger) and Rollscope's own. */
export const defaultEventInvolvedKinds: readonly string[] = [
  "Rollout",
  "AnalysisRun",
  "Experiment",
  "Canary",
];

export const podTemplateSelectors: readonly string[] = ["rollouts-pod-template-hash", "pod-template-hash"];

const kindOrder = Object.keys(kindResources) as KnownKind[];

function variants(kind: KnownKind, eventInvolvedKinds: readonly string[]) {
  if (kind === "ReplicaSet" || kind === "Pod") {
    return podTemplateSelectors.map((labelSelector) => ({ tag: labelSelector, labelSelector }));
  }
  if (kind === "Event") {
    return eventInvolvedKinds.map((k) => ({ tag: k, fieldSelector: `involvedObject.kind=${k}` }));
  }
  return [{ tag: "" }];
}

export function planInformers(options: InformerPlanOptions): InformerSpec[] {
  const restricted =
    options.namespaces && options.namespaces.length > 0 ? [...new Set(options.namespaces)] : undefined;
  const specs: InformerSpec[] = [];
  for (const kind of kindOrder) {
    if (!options.kinds.has(kind)) continue;
    // Cluster-scoped kinds have one informer whatever the namespace restriction.
    const scopes = kindResources[kind].namespaced && restricted ? restricted : [undefined];
    for (const namespace of scopes) {
      for (const { tag, ...selectors } of variants(kind, options.eventInvolvedKinds)) {
        specs.push({
          id: `${kind}${tag ? `[${tag}]` : ""}@${namespace ?? "*"}`,
          kind,
          path: collectionPath(kind, namespace),
          ...(namespace ? { namespace } : {}),
          ...selectors,
        });
      }
    }
  }
  return specs;
}
