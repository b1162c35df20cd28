// The durable analysis record: every AnalysisRun and Experiment of every Rollout, and every Flagger
// canary run with its checks, kept by delivery and revision after the controller has deleted the
// objects (Argo keeps only a few AnalysisRuns), so a past release's analysis can still be explained.
// observe() is called on every delivery change, so it only compares resourceVersions and queues;
// rows are written in batches, by the one replica holding the writer lease. Nothing is deleted here
// (retention is the store's job).
import type { Delivery } from "@rollscope/shared";
import type { Logger } from "../observability/logger";
import type { ClusterEntry, DeliveryRecorder } from "../runtime/cluster-registry";
import type { Database } from "../store/database";
import type { AnalysisRecordsTable } from "../store/tables";
import type { WriterElection } from "../store/writer-lease";
import { argoCandidates } from "./argo-records";
import { advanceFlaggerRun, type FlaggerRunState, flaggerRow } from "./flagger-run";
import { type FlaggerCheck, flaggerRecordBodySchema } from "./record-body";

export interface AnalysisRecordOptions {
  now?: () => number;
  /** How long changes are gathered before one batch is written. */
  batchMs?: number;
  /** How long a failed batch waits before it is tried again. */
  retryMs?: number;
}

/** Versions remembered per record; the oldest are forgotten first (a forgotten run is written once more). */
const maxRemembered = 50_000;

type Pending =
  | { kind: "argo"; version: string; row: AnalysisRecordsTable }
  | { kind: "flagger"; state: FlaggerRunState };

/** A sampled value as a person reads it: four significant digits, no trailing zeros. */
const formatSample = (value: number) => String(Number(value.toPrecision(4)));

export class AnalysisRecord implements DeliveryRecorder {
  /** record id → resourceVersion last written (Argo). */
  private readonly written = new Map<string, string>();
  private readonly flaggerRuns = new Map<string, FlaggerRunState>();
  /** Checks whose value was asked of Prometheus already (the checks themselves, not copies). */
  private readonly sampled = new WeakSet<FlaggerCheck>();
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly batchMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly store: Database,
    private readonly writer: WriterElection,
    private readonly log: Logger,
    options: AnalysisRecordOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.batchMs = options.batchMs ?? 250;
    this.retryMs = options.retryMs ?? 5_000;
  }

  observe(delivery: Delivery, cluster: ClusterEntry): void {
    if (!this.writer.isHeld) return;
    try {
      if (delivery.ref.kind === "Rollout") this.observeRollout(delivery, cluster);
      else this.observeCanary(delivery, cluster);
    } catch (error) {
      this.log.error({ err: error, delivery: delivery.ref }, "could not record the analysis of a delivery");
    }
  }

  /** Writes everything queued so far; resolves once it is written (or the failure is logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeBatch());
    return this.writing;
  }

  private observeRollout(delivery: Delivery, cluster: ClusterEntry): void {
    const now = this.now();
    for (const candidate of argoCandidates(delivery, cluster)) {
      const queued = this.pending.get(candidate.recordId);
      const last = queued?.kind === "argo" ? queued.version : this.written.get(candidate.recordId);
      if (last === candidate.version) continue;
      this.queue(candidate.recordId, { kind: "argo", version: candidate.version, row: candidate.build(now) });
    }
  }

  private observeCanary(delivery: Delivery, cluster: ClusterEntry): void {
    const state = advanceFlaggerRun(this.flaggerRuns, delivery, cluster, this.now());
    if (!state) return;
    if (this.flaggerRuns.size > maxRemembered) {
      const oldest = this.flaggerRuns.keys().next().value;
      if (oldest !== undefined && oldest !== state.recordId) this.flaggerRuns.delete(oldest);
    }
    this.queue(state.recordId, { kind: "flagger", state });
    this.sampleCheckValues(state, cluster);
  }

  /**
   * Flagger reports no value for a check that passed, so each new check is sampled once from the
   * cluster's Prometheus with the metric's own query at the check's time (the value Flagger saw, up to
   * the scrape it read), and the run is written again with it.
   */
  private sampleCheckValues(state: FlaggerRunState, cluster: ClusterEntry): void {
    const prometheus = cluster.prometheus;
    if (!prometheus) return;
    for (const check of state.checks) {
      if (check.value !== undefined || this.sampled.has(check)) continue;
      const query = state.metrics.find((m) => m.name === check.metric)?.query;
      if (!query) continue;
      this.sampled.add(check);
      prometheus
        .instant(query, Date.parse(check.at) / 1000)
        .then((result) => {
          const value = result.ok ? result.value[0]?.points[0]?.[1] : undefined;
          if (value === undefined || !Number.isFinite(value)) return;
          check.value = formatSample(value);
          if (this.writer.isHeld) this.queue(state.recordId, { kind: "flagger", state });
        })
        .catch((error: unknown) =>
          this.log.debug({ err: error, metric: check.metric }, "check value not sampled"),
        );
    }
  }

  private queue(recordId: string, item: Pending, delayMs = this.batchMs): void {
    this.pending.set(recordId, item);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), delayMs);
      this.timer.unref();
    }
  }

  private async writeBatch(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    // Lost the lease while the batch waited: the new writer records the same runs itself.
    if (!this.writer.isHeld) return;
    try {
      const now = this.now();
      const rows: AnalysisRecordsTable[] = [];
      for (const [, item] of batch) {
        if (item.kind === "argo") rows.push(item.row);
        else {
          if (!item.state.merged) await this.mergeStoredChecks(item.state);
          rows.push(flaggerRow(item.state, now));
        }
      }
      await this.store.db.transaction().execute(async (trx) => {
        for (const row of rows) {
          const { record_id: _id, ...rest } = row;
          await trx
            .insertInto("analysis_records")
            .values(row)
            .onConflict((oc) => oc.column("record_id").doUpdateSet(rest))
            .execute();
        }
      });
      for (const [recordId, item] of batch) if (item.kind === "argo") this.remember(recordId, item.version);
    } catch (error) {
      this.log.error({ err: error, records: batch.length }, "could not write the analysis record; retrying");
      // Put back what nothing newer has replaced, and try again later.
      for (const [recordId, item] of batch)
        if (!this.pending.has(recordId)) this.queue(recordId, item, this.retryMs);
    }
  }

  /** After a restart, the checks written before it are kept ahead of the ones seen since. */
  private async mergeStoredChecks(state: FlaggerRunState): Promise<void> {
    const row = await this.store.db
      .selectFrom("analysis_records")
      .select(["body", "started_ms"])
      .where("record_id", "=", state.recordId)
      .executeTakeFirst();
    state.merged = true;
    if (!row) return;
    const stored = flaggerRecordBodySchema.safeParse(safeJson(row.body));
    if (!stored.success) return;
    state.checks = [...stored.data.checks, ...state.checks];
    state.failedChecks = Math.max(state.failedChecks, stored.data.failedChecks);
    if (row.started_ms !== null) state.startedMs = Math.min(state.startedMs, row.started_ms);
  }

  private remember(recordId: string, version: string): void {
    this.written.delete(recordId);
    this.written.set(recordId, version);
    if (this.written.size > maxRemembered) {
      const oldest = this.written.keys().next().value;
      if (oldest !== undefined) this.written.delete(oldest);
    }
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
