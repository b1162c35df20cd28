// tRPC setup: context, procedures, SSE settings. Plain JSON (no transformer) so any client can call it.
// Errors never carry a stack trace or a file path: an unexpected one says only its id, which the log
// has with the details.

import type { Actor } from "@rollscope/shared/identity/actor";
import { initTRPC } from "@trpc/server";
import type { Services } from "../runtime/services";
import { errorIdOf, withoutPaths } from "../server/error-id";

export interface Context {
  services: Services;
  /** Who is asking. */
  actor: Actor;
  /** How the audit log names them. */
  identity: string;
}

const t = initTRPC.context<Context>().create({
  isDev: false,
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter: ({ shape, error }) => {
    if (error.code !== "INTERNAL_SERVER_ERROR") return shape;
    const errorId = errorIdOf(error);
    return {
      ...shape,
      message: `${withoutPaths(error.message).slice(0, 500)} (error id ${errorId}; the API log has the details)`,
      data: { ...shape.data, errorId },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const timed = t.middleware(async ({ ctx, path, type, next }) => {
  const end = ctx.services.metrics.requestDuration.startTimer({ procedure: path, type });
  const result = await next();
  end({ outcome: result.ok ? "ok" : "error" });
  return result;
});

export const publicProcedure = t.procedure.use(timed);
