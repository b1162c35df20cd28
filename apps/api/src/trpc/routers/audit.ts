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

/** Why some stored entries are not listed, so a short list is never taken for the whole. */
const unreadableReason = (count: number) =>
  `${count} stored audit ${count === 1 ? "entry is" : "entries are"} not valid and ${count === 1 ? "is" : "are"} not listed; the rows have been kept as they are`;

export const auditRouter = router({
  /** Entries, newest first, and why some are missing when stored rows could not be read. */
  view: publicProcedure.input(auditQuery).query(async ({ ctx, input }) => {
    const { entries, unreadable } = await ctx.services.audit.read(input);
    return { entries, ...(unreadable > 0 ? { loadError: unreadableReason(unreadable) } : {}) };
  }),
  /** Entries only, for existing callers; fails with the reason rather than pass off a partial list. */
  list: publicProcedure.input(auditQuery).query(async ({ ctx, input }) => {
    const { entries, unreadable } = await ctx.services.audit.read(input);
    if (unreadable > 0)
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: unreadableReason(unreadable) });
    return entries;
  }),
});
