import { type DeliverySummary, matchesSearch, parseSearch } from "@rollscope/shared";
import { z } from "zod";

export const deliveryFiltersSchema = z
  .object({
    cluster: z.string().optional(),
    namespace: z.string().optional(),
    controller: z.enum(["argo", "flagger"]).optional(),
    phase: z.enum(["healthy", "progressing", "paused", "degraded", "terminated", "unknown"]).optional(),
    /** The overview's search language: words, "exact", key:value, !not. */
    text: z.string().max(500).optional(),
  })
  .default({});
export type DeliveryFilters = z.infer<typeof deliveryFiltersSchema>;

export function deliveryFilter(filters: DeliveryFilters): (d: DeliverySummary) => boolean {
  const terms = filters.text ? parseSearch(filters.text) : [];
  return (d) =>
    (!filters.cluster || d.ref.cluster === filters.cluster) &&
    (!filters.namespace || d.ref.namespace === filters.namespace) &&
    (!filters.controller || d.controller === filters.controller) &&
    (!filters.phase || d.phase === filters.phase) &&
    (terms.length === 0 || matchesSearch(d, terms));
}
