import type { AppRouter } from "@rollscope/api/router";
import { type DeliveryRef, rolloutDelivery } from "@rollscope/shared";
import { canaryRollout } from "@rollscope/shared/testing/builders";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { describe, expect, it } from "vitest";
import type { DeliveryDetailData } from "./api-types";
import { forgetDeletedDetail, liveDetailQueryOptions, writeLiveDetail } from "./live-detail-cache";
import { makeTrpcClient } from "./trpc";

const target: DeliveryRef = { cluster: "prod", kind: "Rollout", namespace: "rollouts-demo", name: "a" };
const detail = (message: string): DeliveryDetailData => ({
  delivery: rolloutDelivery({
    cluster: "prod",
    rollout: canaryRollout({ metadata: { name: "a" }, status: { message } }),
  }),
  analysis: [],
  flaggerMetrics: [],
  events: [],
});

function setup() {
  const queryClient = new QueryClient();
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: makeTrpcClient(), queryClient });
  const { queryKey } = liveDetailQueryOptions(trpc, target);
  // Where a deliveries.get query for the same delivery finds it.
  const cached = () =>
    queryClient.getQueryData<DeliveryDetailData | null>(trpc.deliveries.get.queryKey(target));
  return { queryClient, trpc, queryKey, cached };
}

describe("the live detail in the query cache", () => {
  it("holds what the stream last sent under the deliveries.get key: the detail, then null once gone", () => {
    const { queryClient, queryKey, cached } = setup();
    writeLiveDetail(queryClient, queryKey, detail("CanaryPauseStep"));
    expect(cached()?.delivery.message).toBe("CanaryPauseStep");
    writeLiveDetail(queryClient, queryKey, detail("RolloutAborted"));
    expect(cached()?.delivery.message).toBe("RolloutAborted");
    writeLiveDetail(queryClient, queryKey, null);
    expect(cached()).toBeNull();
  });

  it("NOT_FOUND for a delivery it holds makes it gone; a delivery never seen keeps the stream's error", () => {
    const { queryClient, queryKey, cached } = setup();
    forgetDeletedDetail(queryClient, queryKey, "NOT_FOUND");
    expect(cached()).toBeUndefined();
    writeLiveDetail(queryClient, queryKey, detail("CanaryPauseStep"));
    forgetDeletedDetail(queryClient, queryKey, "INTERNAL_SERVER_ERROR");
    expect(cached()?.delivery.message).toBe("CanaryPauseStep");
    forgetDeletedDetail(queryClient, queryKey, "NOT_FOUND");
    expect(cached()).toBeNull();
  });

  it("the page's query is told of each write and never fetches, even when invalidated", async () => {
    const { queryClient, trpc, queryKey } = setup();
    const observer = new QueryObserver(queryClient, liveDetailQueryOptions(trpc, target));
    const unsubscribe = observer.subscribe(() => {});
    writeLiveDetail(queryClient, queryKey, detail("CanaryPauseStep"));
    // As an action does once sent.
    await queryClient.invalidateQueries();
    expect(observer.getCurrentResult().fetchStatus).toBe("idle");
    expect(observer.getCurrentResult().data?.delivery.message).toBe("CanaryPauseStep");
    unsubscribe();
  });
});
