// tRPC setup: context, procedures, SSE settings. Plain JSON (no transformer) so any client can call it.
import { initTRPC } from "@trpc/server";
import type { Services } from "../runtime/services";

export interface Context {
  services: Services;
  /** Who is asking, for the audit log. */
  identity: string;
}

const t = initTRPC.context<Context>().create({
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
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
