// Mutations: one procedure per action, each taking the target and the state the person saw.
import type { ActionName } from "@rollscope/shared";
import { actionInputSchema, setImageInputSchema, undoInputSchema } from "../../actions/action-input";
import { executeAction } from "../../actions/execute-action";
import { publicProcedure, router } from "../trpc";

const simple = (action: ActionName) =>
  publicProcedure
    .input(actionInputSchema)
    .mutation(({ ctx, input }) => executeAction(ctx.services, ctx.identity, action, input));

export const actionsRouter = router({
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
