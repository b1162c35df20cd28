// Every connected cluster with its informer cache, its Delivery index and its Prometheus client.
// Delivery changes of all clusters are handed to the recorders (weight history, analysis record) and the change journal, then
// fanned out to subscribers with their journal sequence number.
import type { Delivery } from "@rollscope/shared";
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import { PrometheusClient } from "@rollscope/shared/prometheus/prometheus-client";
import { ChangeJournal } from "../deliveries/change-journal";
import { DetailsPerChange } from "../deliveries/delivery-detail";
import { type DeliveryChanges, DeliveryIndex } from "../deliveries/delivery-index";

export interface ClusterEntry {
  source: ClusterSource;
  index: DeliveryIndex;
  prometheus?: PrometheusClient;
}

type Listener = (changes: DeliveryChanges, seq: number) => void;

/** Keeps something about every delivery change (weight history, the analysis record). Must not throw. */
export interface DeliveryRecorder {
  observe(delivery: Delivery, cluster: ClusterEntry): void;
}

export class ClusterRegistry {
  private readonly entries = new Map<string, ClusterEntry>();
  private readonly listeners = new Set<Listener>();
  readonly journal = new ChangeJournal();
  /** Delivery pages' details, built once per change for every stream that sends it. */
  readonly details = new DetailsPerChange();

  constructor(
    sources: ClusterSource[],
    private readonly recorders: DeliveryRecorder[] = [],
    private readonly prometheusUrls: Record<string, string> = {},
  ) {
    for (const source of sources) {
      if (this.entries.has(source.name)) throw new Error(`two clusters are named "${source.name}"`);
      const index = new DeliveryIndex(source);
      const url = prometheusUrls[source.name] ?? source.prometheusUrl ?? prometheusUrls["*"];
      const entry: ClusterEntry = {
        source,
        index,
        ...(url ? { prometheus: new PrometheusClient(url) } : {}),
      };
      index.onChange((changes) => this.fanOut(changes));
      this.entries.set(source.name, entry);
    }
  }

  async start(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.source.start()));
    // Sources that learn their Prometheus only once started (the demo) get a client now.
    for (const entry of this.entries.values()) {
      const url =
        this.prometheusUrls[entry.source.name] ?? entry.source.prometheusUrl ?? this.prometheusUrls["*"];
      if (!entry.prometheus && url) entry.prometheus = new PrometheusClient(url);
    }
    for (const entry of this.entries.values())
      for (const d of entry.index.list()) for (const r of this.recorders) r.observe(d, entry);
  }

  async stop(): Promise<void> {
    for (const entry of this.entries.values()) entry.index.dispose();
    await Promise.all([...this.entries.values()].map((e) => e.source.stop()));
  }

  list(): ClusterEntry[] {
    return [...this.entries.values()];
  }

  get(name: string): ClusterEntry | undefined {
    return this.entries.get(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Every cluster has listed every kind once. */
  ready(): boolean {
    return this.list().every((e) => e.source.health().synced);
  }

  onDeliveryChanges(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fanOut(changes: DeliveryChanges): void {
    for (const d of changes.upserted) {
      const entry = this.entries.get(d.ref.cluster);
      if (entry) for (const r of this.recorders) r.observe(d, entry);
    }
    const seq = this.journal.append(changes);
    this.details.offer(changes);
    for (const listener of this.listeners) listener(changes, seq);
  }
}
