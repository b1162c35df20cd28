import { publicProcedure, router } from "../trpc";

export const clustersRouter = router({
  list: publicProcedure.query(({ ctx }) =>
    ctx.services.clusters.list().map(({ source, index, prometheus }) => {
      const deliveries = [...index.summaries()];
      return {
        name: source.name,
        kind: source.kind,
        label: source.label,
        health: source.health(),
        readOnlyReason: ctx.services.config.readOnly
          ? "Rollscope runs in read-only mode."
          : source.readOnlyReason,
        prometheus: prometheus ? { url: prometheus.baseUrl } : undefined,
        counts: {
          rollouts: deliveries.filter((d) => d.controller === "argo").length,
          canaries: deliveries.filter((d) => d.controller === "flagger").length,
        },
        namespaces: [...new Set(deliveries.map((d) => d.ref.namespace))].sort(),
        fileErrors: (source.fileErrors ?? []).map((e) => ({ file: e.file, message: e.message })),
        invalidObjects: source.store
          .invalidObjects()
          .map((e) => ({ kind: e.kind, namespace: e.namespace, name: e.name, message: e.message })),
      };
    }),
  ),
});
