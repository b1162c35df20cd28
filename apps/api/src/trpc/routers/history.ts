// The weight history of one delivery: the points of the object as it exists now, and the earlier
// objects that had the same name (each its own UID, including what was imported from a data dir
// written before the store), one of which can be asked for by its UID.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { targetSchema } from "../../actions/action-input";
import { historyUid } from "../../history/weight-history";
import { publicProcedure, router } from "../trpc";

const historyInputSchema = z.object({
  target: targetSchema,
  since: z.number().int().nonnegative().optional(),
  /** An earlier object's UID, from `earlierLives`; absent means the object as it exists now. */
  uid: z.string().min(1, "uid must not be empty").max(400, "uid is longer than 400 characters").optional(),
});

export const historyRouter = router({
  get: publicProcedure.input(historyInputSchema).query(async ({ ctx, input }) => {
    const { target } = input;
    const cluster = ctx.services.clusters.get(target.cluster);
    if (!cluster) {
      throw new TRPCError({ code: "NOT_FOUND", message: `Unknown cluster "${target.cluster}".` });
    }
    const live = cluster.index.get(target.kind, target.namespace, target.name);
    const currentUid = live ? historyUid(live) : undefined;
    const lives = await ctx.services.history.lives(target);
    const earlierLives = lives.filter((life) => life.uid !== currentUid);
    if (
      input.uid !== undefined &&
      input.uid !== currentUid &&
      !earlierLives.some((l) => l.uid === input.uid)
    ) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `No history of an object with UID "${input.uid}" named ${target.kind} ${target.namespace}/${target.name} in cluster "${target.cluster}".`,
      });
    }
    const uid = input.uid ?? currentUid;
    const points = uid === undefined ? [] : await ctx.services.history.get(target, uid, input.since);
    return {
      /** The life shown: the current object's UID (null when none exists now), or the earlier one asked for. */
      uid: uid ?? null,
      current: uid !== undefined && uid === currentUid,
      points,
      earlierLives,
    };
  }),
});
