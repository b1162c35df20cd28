// Connection health of one cluster, derived from its parts (each informer, and discovery):
// connecting (nothing failed, not everything listed yet) → connected (everything listed) →
// reconnecting (a part failed and is retrying) → error (credentials or RBAC: retrying alone will not
// fix it). A failure before the first connection keeps `connecting`, with the error shown.
import type { ClusterHealth, ConnectionState } from "@rollscope/shared/cluster/cluster-source";
import type { WatchFailure } from "./kube-errors";

interface Part {
  listedOnce: boolean;
  ok: boolean;
  failure?: WatchFailure;
}

type Absent = ClusterHealth["absent"];

export class HealthTracker {
  private readonly parts = new Map<string, Part>();
  private readonly listeners = new Set<(health: ClusterHealth) => void>();
  private absent: Absent = [];
  private everConnected = false;
  private state: ConnectionState = "connecting";
  private since: string;
  private lastError: string | undefined;
  private synced = false;

  constructor(private readonly now: () => Date = () => new Date()) {
    this.since = now().toISOString();
  }

  add(id: string): void {
    if (!this.parts.has(id)) this.parts.set(id, { listedOnce: false, ok: false });
    this.recompute();
  }

  remove(id: string): void {
    this.parts.delete(id);
    this.recompute();
  }

  ok(id: string): void {
    const part = this.parts.get(id);
    if (!part) return;
    part.listedOnce = true;
    part.ok = true;
    part.failure = undefined;
    this.recompute();
  }

  failed(id: string, failure: WatchFailure): void {
    const part = this.parts.get(id);
    if (!part) return;
    part.ok = false;
    part.failure = failure;
    this.recompute();
  }

  setAbsent(absent: Absent): void {
    const changed = JSON.stringify(absent) !== JSON.stringify(this.absent);
    this.absent = absent;
    if (changed) this.notify();
  }

  snapshot(): ClusterHealth {
    return {
      state: this.state,
      since: this.since,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      synced: this.synced,
      absent: this.absent.map((a) => ({ ...a })),
    };
  }

  subscribe(listener: (health: ClusterHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recompute(): void {
    const parts = [...this.parts.values()];
    const fatal = parts.find((p) => p.failure?.fatal)?.failure;
    const failing = parts.find((p) => p.failure)?.failure;
    let state: ConnectionState;
    if (fatal) state = "error";
    else if (failing) state = this.everConnected ? "reconnecting" : "connecting";
    else if (parts.length > 0 && parts.every((p) => p.ok)) state = "connected";
    // Informers added later (a CRD installed) do not take a connected cluster back to "connecting".
    else state = this.everConnected ? this.state : "connecting";
    if (state === "connected") this.everConnected = true;
    const lastError = state === "connected" ? undefined : (fatal ?? failing)?.message;
    const synced = parts.length > 0 && parts.every((p) => p.listedOnce);
    const changed = state !== this.state || lastError !== this.lastError || synced !== this.synced;
    if (state !== this.state) this.since = this.now().toISOString();
    this.state = state;
    this.lastError = lastError;
    this.synced = synced;
    if (changed) this.notify();
  }

  private notify(): void {
    const health = this.snapshot();
    for (const listener of this.listeners) listener(health);
  }
}
