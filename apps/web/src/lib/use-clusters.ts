// The connected clusters (clusters.list), refreshed every 5 s; one query shared by the header banner
// and the overview's notices.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc";

export function useClusters() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.clusters.list.queryOptions(), refetchInterval: 5_000 });
}

/** How a cluster is named on the page: the demo says so. */
export function clusterDisplayName(c: { kind: string; label: string }): string {
  return c.kind === "demo" ? "Demo cluster" : c.label;
}
