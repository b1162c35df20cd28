// The acting person's own settings (favourites, theme, saved views). Not a change to any cluster, so
// allowed in --read-only mode too; kept per person, so a caller who is nobody in particular is refused.

import { type Actor, actorKey } from "@rollscope/shared/identity/actor";
import { TRPCError } from "@trpc/server";
import { parseSettingsPatch } from "../../settings/settings-schema";
import { publicProcedure, router } from "../trpc";

function personOf(actor: Actor): string {
  if (actor.via === "anonymous")
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        "Settings are kept per person, and this request names nobody: sign in (or send a named token) to keep favourites, theme and saved views.",
    });
  return actorKey(actor);
}

export const settingsRouter = router({
  /** The person's settings; defaults for what they have not set, listed as not `chosen`. */
  get: publicProcedure.query(({ ctx }) => ctx.services.settings.get(personOf(ctx.actor))),
  /** Replaces the given settings (each whole) and answers the result; bad input is refused, saving nothing. */
  update: publicProcedure
    .input(parseSettingsPatch)
    .mutation(({ ctx, input }) => ctx.services.settings.update(personOf(ctx.actor), input)),
});
