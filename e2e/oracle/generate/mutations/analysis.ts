// Mutations of AnalysisRuns: no status yet, phases and counts, new runs, measurements with jobs.
import {
  hashLabel,
  type Mutation,
  ownedBy,
  ownerRef,
  pickOwned,
  revisionAnnotation,
  rolloutOf,
  status,
  uid,
} from "./context";

export const analysisPhases = ["Pending", "Running", "Successful", "Failed", "Error", "Inconclusive"];

export const analysisMutations: Mutation[] = [
  {
    name: "ar-no-status",
    apply(c) {
      const run = pickOwned(c, "AnalysisRun", "Rollout");
      if (!run?.status) return undefined;
      delete run.status;
      return `${run.metadata.name} has no status yet`;
    },
  },
  {
    name: "ar-phase",
    apply(c) {
      const run = pickOwned(c, "AnalysisRun", "Rollout") ?? pickOwned(c, "AnalysisRun", "Experiment");
      if (!run) return undefined;
      const phase = c.random.pick(analysisPhases);
      const metrics = (run.spec?.metrics as Array<{ name: string }> | undefined) ?? [];
      run.status = {
        phase,
        ...(c.random.chance(0.5) ? { message: `metric "${metrics[0]?.name ?? "m"}" assessed ${phase}` } : {}),
        startedAt: c.random.time(),
        metricResults: metrics.map((m) => ({
          name: m.name,
          phase: c.random.pick(analysisPhases),
          count: c.random.int(0, 6),
          successful: c.random.int(0, 4),
          failed: c.random.int(0, 2),
          inconclusive: c.random.int(0, 1),
          error: c.random.int(0, 1),
          measurements: [],
        })),
      };
      return `${run.metadata.name} ${phase}`;
    },
  },
  {
    name: "ar-add",
    apply(c) {
      const ro = rolloutOf(c);
      if (!ro) return undefined;
      const hash = (ro.status?.currentPodHash as string | undefined) ?? c.random.hash();
      const type = c.random.pick(["Step", "Background", "PrePromotion", "PostPromotion"]);
      const name = `${ro.metadata.name}-${hash}-${c.random.int(1, 9)}-${c.random.int(0, 3)}`;
      if (c.objects.some((o) => o.kind === "AnalysisRun" && o.metadata.name === name)) return undefined;
      const phase = c.random.pick([...analysisPhases, undefined]);
      c.objects.push({
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AnalysisRun",
        metadata: {
          name,
          namespace: ro.metadata.namespace,
          uid: uid(c.random),
          creationTimestamp: c.random.time(),
          labels: { [hashLabel]: hash, "rollout-type": type },
          annotations: { [revisionAnnotation]: String(c.random.int(1, 5)) },
          ownerReferences: [ownerRef(ro)],
        },
        spec: {
          metrics: [{ name: "success-rate", interval: "1m", provider: { prometheus: { query: "up" } } }],
        },
        ...(phase
          ? {
              status: {
                phase,
                startedAt: c.random.time(),
                metricResults: [
                  {
                    name: "success-rate",
                    phase,
                    count: 2,
                    successful: phase === "Successful" ? 2 : 1,
                    failed: phase === "Failed" ? 1 : 0,
                  },
                ],
              },
            }
          : {}),
      });
      return `AnalysisRun ${name} (${type}, ${phase ?? "no status"})`;
    },
  },
  {
    name: "experiment-phase",
    apply(c) {
      const ro = rolloutOf(c);
      const experiments = ro ? ownedBy(c, "Experiment", ro) : [];
      if (experiments.length === 0) return undefined;
      const exp = c.random.pick(experiments);
      if (c.random.chance(0.2)) {
        delete exp.status;
        return `${exp.metadata.name} has no status`;
      }
      status(exp).phase = c.random.pick(analysisPhases);
      if (c.random.chance(0.5)) status(exp).message = "Experiment progressing";
      return `${exp.metadata.name} ${status(exp).phase}`;
    },
  },
];
