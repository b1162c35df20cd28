import { boundedString, kubeBounds } from "@rollscope/shared/schemas/kube-bounds";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { publicProcedure, router } from "../trpc";

const auditQuery = z
  .object({
    cluster: boundedString("cluster", kubeBounds.clusterName).optional(),
    kind: z.enum(["Rollout", "Canary"]).optional(),
    namespace: boundedString("namespace", kubeBounds.namespace).optional(),
    name: boundedString("name", kubeBounds.objectName).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .default({ limit: 200 });

export const auditRouter = router({
  /**
   * Entries, newest first, and why older ones are missing when the saved log could not be read (the
   * entries recorded since are still listed).
   */
  view: publicProcedure.input(auditQuery).query(async ({ ctx, input }) => {
    await ctx.services.audit.load();
    const loadError = ctx.services.audit.loadError;
    return { entries: ctx.services.audit.list(input), ...(loadError ? { loadError } : {}) };
  }),
  /** Entries only, for existing callers; fails with the reason rather than pass off a partial list. */
  list: publicProcedure.input(auditQuery).query(async ({ ctx, input }) => {
    await ctx.services.audit.load();
    const loadError = ctx.services.audit.loadError;
    if (loadError) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: loadError });
    return ctx.services.audit.list(input);
  }),
});
