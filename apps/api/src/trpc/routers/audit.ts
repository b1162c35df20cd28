import { z } from "zod";
import { publicProcedure, router } from "../trpc";

export const auditRouter = router({
  list: publicProcedure
    .input(
      z
        .object({
          cluster: z.string().optional(),
          kind: z.enum(["Rollout", "Canary"]).optional(),
          namespace: z.string().optional(),
          name: z.string().optional(),
          limit: z.number().int().min(1).max(1000).default(200),
        })
        .default({ limit: 200 }),
    )
    .query(({ ctx, input }) => ctx.services.audit.list(input)),
});
