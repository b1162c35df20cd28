// Deliveries: the overview list, one delivery in full, and live streams of both.
import { type Delivery, type DeliverySummary, deliveryId } from "@rollscope/shared";
import type { Actor } from "@rollscope/shared/identity/actor";
import { boundedString, kubeBounds } from "@rollscope/shared/schemas/kube-bounds";
import { TRPCError, tracked } from "@trpc/server";
import { z } from "zod";
import { targetSchema } from "../../actions/action-input";
import type { SharedDetail } from "../../deliveries/delivery-detail";
import { withPermissions } from "../../deliveries/delivery-permissions";
import type { Services } from "../../runtime/services";
import { deliveryChanges, snapshotPages } from "../change-stream";
import { deliveryFilter, deliveryFiltersSchema } from "../delivery-filters";
import { publicProcedure, router } from "../trpc";

function readOnlyReason(services: Services, cluster: string): string | undefined {
  if (services.config.readOnly) return "Rollscope runs in read-only mode.";
  return services.clusters.get(cluster)?.source.readOnlyReason;
}

/**
 * A delivery or its overview row with its actions disabled, with the reason, in read-only mode or on
 * a read-only cluster.
 */
function applyReadOnly<D extends Pick<Delivery, "ref" | "actions">>(services: Services, d: D): D {
  const reason = readOnlyReason(services, d.ref.cluster);
  if (!reason) return d;
  return {
    ...d,
    actions: d.actions.map((a) => (a.enabled ? { action: a.action, enabled: false, reason } : a)),
  };
}

function* summaries(services: Services, keep: (s: DeliverySummary) => boolean): Generator<DeliverySummary> {
  for (const { index } of services.clusters.list())
    for (const row of index.summaries()) {
      const summary = applyReadOnly(services, row);
      if (keep(summary)) yield summary;
    }
}

export type DeliveryDetail = Omit<SharedDetail, "workloadRef">;

/** A delivery's page for this person: the shared detail with the actions they may take. */
async function detail(
  services: Services,
  actor: Actor,
  target: z.infer<typeof targetSchema>,
  change?: DeliverySummary,
): Promise<DeliveryDetail> {
  const entry = services.clusters.get(target.cluster);
  if (!entry) throw new TRPCError({ code: "NOT_FOUND", message: `Unknown cluster "${target.cluster}".` });
  const shared = services.clusters.details.get(entry, target, change);
  if (!shared) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `${target.kind} ${target.namespace}/${target.name} was not found in cluster ${target.cluster}.`,
    });
  }
  const { workloadRef, delivery, ...rest } = shared;
  const actions = await withPermissions(
    entry.source,
    delivery,
    readOnlyReason(services, target.cluster),
    workloadRef,
    actor,
    services.config.authorizeActions,
  );
  return { delivery: { ...delivery, actions }, ...rest };
}

/** The list filters with every string capped, as every procedure input is (see kube-bounds). */
const listFiltersSchema = deliveryFiltersSchema
  .unwrap()
  .extend({
    cluster: boundedString("cluster", kubeBounds.clusterName).optional(),
    namespace: boundedString("namespace", kubeBounds.namespace).optional(),
    text: boundedString("text", kubeBounds.searchText).optional(),
  })
  .default({});

export const deliveriesRouter = router({
  list: publicProcedure.input(listFiltersSchema).query(({ ctx, input }) => {
    return [...summaries(ctx.services, deliveryFilter(input))];
  }),

  get: publicProcedure.input(targetSchema).query(({ ctx, input }) => detail(ctx.services, ctx.actor, input)),

  /**
   * The filtered list, then its changes: a snapshot in pages (`part` 0 starts it, `complete` ends it),
   * then batches of changes. A client that reconnects with the last event id it saw gets only the changes since, when this
   * process still has them in its journal, else a snapshot.
   */
  watchList: publicProcedure
    .input(z.object({ filters: listFiltersSchema, lastEventId: z.string().max(64).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const keep = deliveryFilter(input.filters);
      const { journal } = ctx.services.clusters;
      ctx.services.metrics.sseClients.inc();
      try {
        const changes = deliveryChanges(ctx.services.clusters, signal, input.lastEventId);
        if (!changes.resumed) {
          for (const { id, page } of snapshotPages(summaries(ctx.services, keep), changes.position))
            yield tracked(id, page);
        }
        for await (const batch of changes) {
          const upserted = [];
          const removed = [...batch.removed.values()].map(deliveryId);
          for (const row of batch.upserted.values()) {
            const summary = applyReadOnly(ctx.services, row);
            if (keep(summary)) upserted.push(summary);
            else removed.push(deliveryId(row.ref));
          }
          if (upserted.length + removed.length > 0)
            yield tracked(journal.eventId(batch.throughSeq), { type: "changes" as const, upserted, removed });
        }
      } finally {
        ctx.services.metrics.sseClients.dec();
      }
    }),

  /**
   * One delivery in full, re-sent whenever it changes. Also sent in full on reconnect: the detail
   * carries Events and analysis data that are not in the change journal.
   */
  watch: publicProcedure
    .input(z.object({ target: targetSchema, lastEventId: z.string().max(64).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      const id = deliveryId(input.target);
      const { journal } = ctx.services.clusters;
      ctx.services.metrics.sseClients.inc();
      try {
        const changes = deliveryChanges(ctx.services.clusters, signal);
        yield tracked(changes.position, await detail(ctx.services, ctx.actor, input.target));
        for await (const batch of changes) {
          const eventId = journal.eventId(batch.throughSeq);
          if (batch.removed.has(id)) {
            yield tracked(eventId, null);
            continue;
          }
          const change = batch.upserted.get(id);
          if (change) yield tracked(eventId, await detail(ctx.services, ctx.actor, input.target, change));
        }
      } finally {
        ctx.services.metrics.sseClients.dec();
      }
    }),
});
