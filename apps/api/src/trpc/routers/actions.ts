// Mutations: one procedure per action, each taking the target and the state the person saw.
import type { ActionName } from "@rollscope/shared";
import { actionNames } from "@rollscope/shared";
import { z } from "zod";
import { refused } from "../../actions/action-errors";
import { actionInputSchema, setImageInputSchema, undoInputSchema } from "../../actions/action-input";
import { executeAction, prepareAction } from "../../actions/execute-action";
import { publicProcedure, router } from "../trpc";

const simple = (action: ActionName) =>
  publicProcedure
    .input(actionInputSchema)
    .mutation(({ ctx, input }) => executeAction(ctx.services, ctx.identity, action, input));

export const actionsRouter = router({
  /** What an action would do (lever and exact change), shown before the person confirms. */
  preview: publicProcedure
    .input(
      actionInputSchema.extend({
        action: z.enum(actionNames),
        container: z.string().optional(),
        image: z.string().optional(),
        revision: z.number().int().nonnegative().optional(),
      }),
    )
    .query(({ ctx, input }) => {
      const { action, container, image, revision, ...rest } = input;
      const args = {
        ...(container ? { container } : {}),
        ...(image ? { image } : {}),
        ...(revision !== undefined ? { revision } : {}),
      };
      const prepared = prepareAction(ctx.services, action, rest, args);
      if (!prepared.ok) throw refused(prepared.code, prepared.reason);
      const { plan } = prepared;
      return {
        action,
        lever: plan.lever,
        description: plan.description,
        requests: plan.requests,
        afterRun: plan.afterRun ?? [],
      };
    }),
  promote: simple("promote"),
  promoteFull: simple("promoteFull"),
  abort: simple("abort"),
  retry: simple("retry"),
  restart: simple("restart"),
  setImage: publicProcedure.input(setImageInputSchema).mutation(({ ctx, input }) =>
    executeAction(ctx.services, ctx.identity, "setImage", input, {
      container: input.container,
      image: input.image,
    }),
  ),
  undo: publicProcedure
    .input(undoInputSchema)
    .mutation(({ ctx, input }) =>
      executeAction(ctx.services, ctx.identity, "undo", input, { revision: input.revision }),
    ),
});
