// Named mutations of one namespace's objects: each moves the Rollout, its ReplicaSets, Pods,
// AnalysisRuns or Experiments into another state a real controller, kubelet or person can leave
// behind, and keeps every field the type its CRD (or Kubernetes) declares. A mutation answers a short
// description of what it did, or undefined when it does not apply to these objects.
import { analysisMutations } from "./analysis";
import type { Mutation } from "./context";
import { experimentMutations } from "./experiment";
import { podMutations } from "./pod";
import { replicaSetMutations } from "./replica-set";
import { rolloutProgressMutations } from "./rollout-progress";
import { rolloutStrategyMutations } from "./rollout-strategy";

export type { Mutation, MutationContext } from "./context";
export { materialise } from "./materialise";

export const mutations: readonly Mutation[] = [
  ...rolloutProgressMutations,
  ...rolloutStrategyMutations,
  ...replicaSetMutations,
  ...podMutations,
  ...analysisMutations,
  ...experimentMutations,
];
