import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { targetSchema } from "../../actions/action-input";
import { publicProcedure, router } from "../trpc";

export const historyRouter = router({
  get: publicProcedure
    .input(z.object({ target: targetSchema, since: z.number().int().nonnegative().optional() }))
    .query(({ ctx, input }) => {
      if (!ctx.services.clusters.get(input.target.cluster)) {
        throw new TRPCError({ code: "NOT_FOUND", message: `Unknown cluster "${input.target.cluster}".` });
      }
      return ctx.services.history.get(input.target, input.since);
    }),
});
