import type { Canary, Rollout } from "@rollscope/shared";
import { argoAnalysisRunDetail, flaggerMetricDetails } from "@rollscope/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { targetSchema } from "../../actions/action-input";
import { argoSeries, type DeliverySeries, flaggerSeries } from "../../prometheus/delivery-series";
import { publicProcedure, router } from "../trpc";

export const metricsRouter = router({
  series: publicProcedure
    .input(
      z.object({
        target: targetSchema,
        windowSeconds: z
          .number()
          .int()
          .min(60)
          .max(7 * 86400)
          .default(3600),
      }),
    )
    .query(async ({ ctx, input }): Promise<DeliverySeries> => {
      const { target } = input;
      const entry = ctx.services.clusters.get(target.cluster);
      if (!entry) throw new TRPCError({ code: "NOT_FOUND", message: `Unknown cluster "${target.cluster}".` });
      const object = entry.source.store.get(target.kind, target.namespace, target.name);
      if (!object)
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `${target.kind} ${target.namespace}/${target.name} was not found.`,
        });
      const client = entry.prometheus;
      if (!client) {
        return {
          prometheus: {
            available: false,
            reason:
              entry.source.prometheusNote ??
              `No Prometheus is configured for cluster ${target.cluster}: start Rollscope with --prometheus-url ${target.cluster}=http://…`,
          },
          metrics: [],
        };
      }
      const now = ctx.services.now().getTime();
      if (target.kind === "Rollout") {
        const rollout = object as Rollout;
        const runs = entry.index
          .rolloutObjects(rollout)
          .analysisRuns.map((r) => argoAnalysisRunDetail(r, "step"))
          .sort((a, b) => (b.startedAt ?? "").localeCompare(a.startedAt ?? ""));
        return {
          prometheus: { available: true, url: client.baseUrl },
          ...(await argoSeries(client, rollout, runs, now)),
        };
      }
      const canary = object as Canary;
      const details = flaggerMetricDetails(canary, entry.source.store.list("MetricTemplate"));
      return {
        prometheus: { available: true, url: client.baseUrl },
        ...(await flaggerSeries(client, canary, details, now, input.windowSeconds)),
      };
    }),
});
