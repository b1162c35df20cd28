// One delivery in full for its page: the Delivery, its analysis runs or Flagger metrics and its Events.
// Everything here is the same for whoever looks (what each person may do is added per person), so a
// change is built once for every open page of that delivery: the index already built the Delivery for
// the change, and the pages that receive the change in the same turn share one detail.
import {
  type AnalysisRunDetail,
  analysisIntervalSeconds,
  argoAnalysisRunDetail,
  type Canary,
  type Delivery,
  type DeliveryRef,
  type DeliverySummary,
  type FlaggerMetricDetail,
  flaggerMetricDetails,
  type Rollout,
} from "@rollscope/shared";
import type { ClusterEntry } from "../runtime/cluster-registry";
import { deliveryEvents, type TimelineEvent } from "./delivery-events";
import type { DeliveryChanges } from "./delivery-index";

/** A delivery's page without what depends on who looks (its actions as built, before permissions). */
export interface SharedDetail {
  delivery: Delivery;
  analysis: AnalysisRunDetail[];
  flaggerMetrics: FlaggerMetricDetail[];
  /** Flagger: seconds between analysis iterations (spec.analysis.interval), for the finish estimate. */
  analysisIntervalSeconds?: number;
  events: TimelineEvent[];
  /** Argo: the Rollout's pods come from a referenced Deployment (setImage patches that instead). */
  workloadRef: boolean;
}

function build(entry: ClusterEntry, target: DeliveryRef, built?: Delivery): SharedDetail | undefined {
  const delivery = built ?? entry.index.get(target.kind, target.namespace, target.name);
  if (!delivery) return undefined;
  const store = entry.source.store;
  const names = new Set([target.name]);
  if (target.kind === "Rollout") {
    const rollout = store.get("Rollout", target.namespace, target.name) as Rollout | undefined;
    if (!rollout) return undefined;
    const objects = entry.index.rolloutObjects(rollout);
    for (const o of [...objects.replicaSets, ...objects.analysisRuns, ...objects.experiments])
      names.add(o.metadata.name);
    const roles = new Map(delivery.analysisRuns.map((r) => [r.name, r.role]));
    return {
      delivery,
      analysis: objects.analysisRuns
        .map((run) => argoAnalysisRunDetail(run, roles.get(run.metadata.name) ?? "step"))
        .sort((a, b) => (b.startedAt ?? "").localeCompare(a.startedAt ?? "")),
      flaggerMetrics: [],
      events: deliveryEvents(store, target.namespace, names),
      workloadRef: Boolean(rollout.spec.workloadRef?.name),
    };
  }
  const canary = store.get("Canary", target.namespace, target.name) as Canary | undefined;
  if (!canary) return undefined;
  for (const d of entry.index.canaryObjects(canary).deployments) names.add(d.metadata.name);
  const interval = analysisIntervalSeconds(canary);
  return {
    delivery,
    analysis: [],
    flaggerMetrics: flaggerMetricDetails(canary, store.list("MetricTemplate")),
    ...(interval !== undefined ? { analysisIntervalSeconds: interval } : {}),
    events: deliveryEvents(store, target.namespace, names),
    workloadRef: false,
  };
}

/**
 * Details of the deliveries changed in this turn, by their overview row (a new row object for every
 * change, the same one for every stream that receives it). Held only until the turn's streams have
 * had them: a Delivery in full is not kept for every delivery (see DeliveryIndex).
 */
export class DetailsPerChange {
  /** This turn's batches: their Deliveries, as the index built them, are found by row when asked for. */
  private batches: DeliveryChanges[] = [];
  private readonly shared = new Map<DeliverySummary, SharedDetail>();
  private clearing: NodeJS.Immediate | undefined;

  /**
   * A batch is going out to the streams: its Deliveries serve the details asked for in this turn. Only
   * the batch is kept, so a batch no open page asks about (a whole cluster listing) costs nothing more.
   */
  offer(changes: DeliveryChanges): void {
    this.batches.push(changes);
    this.clearSoon();
  }

  /**
   * The detail of `target` as of now; `row` is the overview row of the change that asks for it, when
   * one does, so that every page receiving that change shares one build.
   */
  get(entry: ClusterEntry, target: DeliveryRef, row?: DeliverySummary): SharedDetail | undefined {
    if (!row) return build(entry, target);
    const known = this.shared.get(row);
    if (known) return known;
    const detail = build(entry, target, this.deliveryOf(row));
    if (detail) {
      this.shared.set(row, detail);
      this.clearSoon();
    }
    return detail;
  }

  /** The Delivery the index built with `row` (`rows` and `upserted` are in the same order). */
  private deliveryOf(row: DeliverySummary): Delivery | undefined {
    for (const batch of this.batches) {
      const at = batch.rows.indexOf(row);
      if (at >= 0) return batch.upserted[at];
    }
    return undefined;
  }

  private clearSoon(): void {
    if (this.clearing) return;
    // After this turn's I/O callbacks: streams woken by a batch read it in the microtasks that follow.
    this.clearing = setImmediate(() => {
      this.clearing = undefined;
      this.batches = [];
      this.shared.clear();
    });
    this.clearing.unref();
  }
}
