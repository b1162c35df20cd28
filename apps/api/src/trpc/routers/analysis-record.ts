// The durable analysis record: past releases of a delivery and the analysis each one ran, readable
// after the controller has deleted its AnalysisRuns (see analysis-record/).
import { boundedString, kubeBounds } from "@rollscope/shared/schemas/kube-bounds";
import { z } from "zod";
import { targetSchema } from "../../actions/action-input";
import { recordedReleases, recordedRuns } from "../../analysis-record/recorded-releases";
import { publicProcedure, router } from "../trpc";

export const analysisRecordRouter = router({
  /** Every revision recorded for this delivery name (every object that had it), newest first. */
  releases: publicProcedure
    .input(targetSchema)
    .query(({ ctx, input }) =>
      recordedReleases(ctx.services.store, ctx.services.clusters.get(input.cluster), input),
    ),

  /** The recorded runs of one revision: AnalysisRun details with their measurements, Flagger checks. */
  runs: publicProcedure
    .input(
      z.object({
        target: targetSchema,
        revision: boundedString("revision", kubeBounds.statusValue).min(1, "revision is required"),
        deliveryUid: boundedString("deliveryUid", kubeBounds.labelValue).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      recordedRuns(
        ctx.services.store,
        ctx.services.clusters.get(input.target.cluster),
        input.target,
        input.revision,
        input.deliveryUid,
      ),
    ),
});
