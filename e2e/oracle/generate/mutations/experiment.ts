// Mutations that add Experiments (with their ReplicaSets and pods) and fail ReplicaSets.
import { clone, type KubeObject } from "../kube-object";
import { analysisPhases } from "./analysis";
import {
  hashLabel,
  type Mutation,
  ownerRef,
  pickOwned,
  revisionAnnotation,
  rolloutOf,
  runningPod,
  status,
  uid,
} from "./context";

export const experimentMutations: Mutation[] = [
  {
    name: "experiment-add",
    apply(c) {
      const ro = rolloutOf(c);
      const template = ro?.spec?.template;
      if (!ro || !template) return undefined;
      const hash = (ro.status?.currentPodHash as string | undefined) ?? c.random.hash();
      const revision = c.random.int(1, 6);
      const name = `${ro.metadata.name}-${hash}-${revision}-${c.random.int(0, 4)}`;
      if (c.objects.some((o) => o.kind === "Experiment" && o.metadata.name === name)) return undefined;
      const phase = c.random.pick([...analysisPhases, undefined]);
      const templates = c.random.pick([["canary"], ["baseline", "canary"]]);
      const experiment: KubeObject = {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Experiment",
        metadata: {
          name,
          namespace: ro.metadata.namespace,
          uid: uid(c.random),
          creationTimestamp: c.random.time(),
          labels: { [hashLabel]: hash },
          annotations: { [revisionAnnotation]: String(revision) },
          ownerReferences: [ownerRef(ro)],
        },
        spec: {
          templates: templates.map((t) => ({
            name: t,
            replicas: 1,
            selector: { matchLabels: { app: ro.metadata.name, role: t } },
            template: { ...clone(template), metadata: { labels: { app: ro.metadata.name, role: t } } },
          })),
        },
      };
      if (phase) {
        experiment.status = {
          phase,
          ...(c.random.chance(0.5) ? { message: `Experiment ${phase}` } : {}),
          templateStatuses: templates.map((t) => ({
            name: t,
            replicas: 1,
            updatedReplicas: 1,
            readyReplicas: c.random.int(0, 1),
            availableReplicas: c.random.int(0, 1),
            status: c.random.pick(["Progressing", "Running", "Successful", "Failed"]),
          })),
        };
      }
      c.objects.push(experiment);
      for (const t of templates) {
        if (c.random.chance(0.2)) continue; // not created yet
        const rsHash = c.random.hash();
        const replicas = c.random.int(0, 1);
        const rs: KubeObject = {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          metadata: {
            name: `${name}-${t}-${rsHash}`,
            namespace: ro.metadata.namespace,
            uid: uid(c.random),
            creationTimestamp: c.random.time(),
            labels: { app: ro.metadata.name, role: t, [hashLabel]: rsHash },
            annotations: {
              "experiment.argoproj.io/template-name": t,
              [revisionAnnotation]: String(revision),
            },
            ownerReferences: [{ ...ownerRef(experiment), kind: "Experiment" }],
          },
          spec: {
            replicas,
            selector: { matchLabels: { app: ro.metadata.name, role: t } },
            template: clone(template),
          },
          status: {
            replicas,
            readyReplicas: replicas,
            availableReplicas: c.random.int(0, replicas),
            observedGeneration: 1,
          },
        };
        c.objects.push(rs);
        for (let p = 0; p < replicas; p++) c.objects.push(runningPod(c, rs, rs.spec.template, rsHash));
      }
      return `Experiment ${name} (${templates.join("+")}, ${phase ?? "no status"})`;
    },
  },
  {
    name: "analysis-jobs",
    apply(c) {
      const run = pickOwned(c, "AnalysisRun", "Rollout");
      const results = run?.status?.metricResults;
      if (!run || !Array.isArray(results) || results.length === 0) return undefined;
      const result = c.random.pick(results) as Record<string, unknown>;
      result.measurements = Array.from({ length: c.random.int(1, 3) }, (_, i) => ({
        phase: c.random.pick(["Running", "Successful", "Failed", "Error"]),
        startedAt: c.random.time(),
        metadata: { "job-name": `${run.metadata.name}-job-${i}` },
      }));
      return `${run.metadata.name} measurements with jobs`;
    },
  },
  {
    name: "rs-replica-failure",
    apply(c) {
      const rs = pickOwned(c, "ReplicaSet", "Rollout");
      if (!rs) return undefined;
      const t = c.random.time();
      status(rs).conditions = [
        {
          type: "ReplicaFailure",
          status: c.random.pick(["True", "False"]),
          reason: "FailedCreate",
          message: 'pods "x" is forbidden: exceeded quota',
          lastTransitionTime: t,
        },
      ];
      return `${rs.metadata.name} ReplicaFailure`;
    },
  },
];
