// Mutations: one procedure per action, each taking the target and the state the person saw (required
// where the plan depends on it, see stateDependentActions).
import { refused } from "../../actions/action-errors";
import {
  previewInputSchema,
  type StateDependentAction,
  setImageInputSchema,
  stateDependentInputSchema,
  stateIndependentInputSchema,
  undoInputSchema,
} from "../../actions/action-input";
import { executeAction, prepareAction } from "../../actions/execute-action";
import { publicProcedure, router } from "../trpc";

const stateDependent = (action: StateDependentAction) =>
  publicProcedure
    .input(stateDependentInputSchema(action))
    .mutation(({ ctx, input }) => executeAction(ctx.services, ctx.actor, action, input));

export const actionsRouter = router({
  /** What an action would do (lever and exact change), shown before the person confirms. */
  preview: publicProcedure.input(previewInputSchema).query(({ ctx, input }) => {
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
  promote: stateDependent("promote"),
  promoteFull: stateDependent("promoteFull"),
  abort: stateDependent("abort"),
  retry: stateDependent("retry"),
  restart: publicProcedure
    .input(stateIndependentInputSchema)
    .mutation(({ ctx, input }) => executeAction(ctx.services, ctx.actor, "restart", input)),
  setImage: publicProcedure.input(setImageInputSchema).mutation(({ ctx, input }) =>
    executeAction(ctx.services, ctx.actor, "setImage", input, {
      container: input.container,
      image: input.image,
    }),
  ),
  undo: publicProcedure
    .input(undoInputSchema)
    .mutation(({ ctx, input }) =>
      executeAction(ctx.services, ctx.actor, "undo", input, { revision: input.revision }),
    ),
});
