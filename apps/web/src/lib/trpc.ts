// tRPC + TanStack Query for the browser: queries and mutations over HTTP batching, subscriptions over
// Server-Sent Events, all on this origin's /api/trpc.
import type { AppRouter } from "@rollscope/api/router";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/api/trpc" }),
        false: httpBatchLink({ url: "/api/trpc", maxURLLength: 4000 }),
      }),
    ],
  });
}
