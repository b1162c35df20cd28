// cancelAnalysisRuns / cancelExperiments: the controller stops what it no longer wants with the
// merge patch `{"spec":{"terminate":true}}`, sent only to objects still going.
import type { DemoStore } from "../demo-store";
import { isCompletedPhase } from "./analysis-evaluate";

interface Terminable {
  metadata: { name: string; namespace?: string | null };
  spec: { terminate?: boolean | null };
  status?: { phase?: string | null } | null;
}

export function terminateUnfinished(
  store: DemoStore,
  kind: "AnalysisRun" | "Experiment",
  objects: ReadonlyArray<Terminable | undefined>,
): void {
  for (const object of objects) {
    if (!object || object.spec.terminate || isCompletedPhase(object.status?.phase)) continue;
    const key = { kind, namespace: object.metadata.namespace ?? "", name: object.metadata.name };
    if (store.get(key)) store.patch(key, { patchType: "merge", body: { spec: { terminate: true } } });
  }
}
