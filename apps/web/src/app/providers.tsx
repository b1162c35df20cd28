"use client";
// Query cache and tRPC client for the whole app.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { sessionQueryKey } from "../components/session/session-api";
import { ToastProvider } from "../components/toasts";
import { makeTrpcClient, TRPCProvider } from "../lib/trpc";

/** A tRPC call refused for want of a token: the session ended (or the token changed). */
function isSignedOut(error: unknown): boolean {
  return (error as { data?: { code?: unknown } } | null)?.data?.code === "UNAUTHORIZED";
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => {
    // On a 401 anywhere, ask the API again whether this browser is signed in: the gate then shows
    // the sign-in form instead of a page of errors.
    const onError = (error: unknown) => {
      if (isSignedOut(error)) void client.invalidateQueries({ queryKey: sessionQueryKey });
    };
    const client: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false, retry: 1 } },
    });
    return client;
  });
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
