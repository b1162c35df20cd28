// Desired and actual weight of every delivery over time, with step, pause, analysis, revision and
// human-action markers. Recorded from watch-driven Delivery changes into the store, keyed by the
// object's UID: a deleted and re-created object with the same name starts its own history, and the
// old one stays readable as an earlier life. Only the writer replica records what every replica
// sees (the rest keep the last point in memory so their markers are right if they take over); a
// person's action marker is written by the replica that carried it out. Writes are batched.
import type { Delivery, DeliveryRef } from "@rollscope/shared";
import { z } from "zod";
import { type Logger, silentLogger } from "../observability/logger";
import type { ClusterEntry, DeliveryRecorder } from "../runtime/cluster-registry";
import type { Database } from "../store/database";
import { parseJsonAs } from "../store/stored-json";
import type { WriterElection } from "../store/writer-lease";

export const markerSchema = z.object({
  kind: z.enum(["revision", "step", "pause", "resume", "analysis", "abort", "promotion", "action"]),
  label: z.string(),
});

export const historyPointSchema = z.object({
  /** Epoch milliseconds. */
  t: z.number(),
  setWeight: z.number(),
  actualWeight: z.number(),
  phase: z.string(),
  step: z.string().optional(),
  revision: z.string().optional(),
  /** The analysis run in progress, so a new one gets a marker when it starts. */
  analysis: z.string().optional(),
  markers: z.array(markerSchema).default([]),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;
export type HistoryMarker = z.infer<typeof markerSchema>;

/** One object's stretch of history: a UID with the time of its first and last point. */
export interface HistoryLife {
  uid: string;
  from: number;
  to: number;
  points: number;
}

export function historyKey(ref: { cluster: string; kind: string; namespace: string; name: string }): string {
  return `${ref.cluster}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** The key history is kept under: the object's UID, or its name when the source gives no UID. */
export function historyUid(d: { ref: DeliveryRef; uid?: string | undefined }): string {
  return d.uid ?? `name:${historyKey(d.ref)}`;
}

function describeStep(d: Delivery): string | undefined {
  if (d.step) return `${d.step.index}/${d.step.total}`;
  if (d.iteration) return `${d.iteration.n}/${d.iteration.of}`;
  return undefined;
}

function runningAnalysis(d: Delivery): string | undefined {
  return d.analysisRuns.find((r) => r.phase === "Running")?.name;
}

/** Markers for what changed between two consecutive views of one delivery. */
export function markersBetween(previous: HistoryPoint | undefined, d: Delivery): HistoryMarker[] {
  const markers: HistoryMarker[] = [];
  const revision = d.observed.podHash ?? d.observed.lastAppliedSpec;
  if (previous && revision && previous.revision && revision !== previous.revision) {
    markers.push({ kind: "revision", label: "New revision" });
  }
  const step = describeStep(d);
  if (previous && step && step !== previous.step) markers.push({ kind: "step", label: `Step ${step}` });
  if (previous?.phase !== d.rawPhase) {
    if (d.phase === "paused") markers.push({ kind: "pause", label: d.message || "Paused" });
    else if (
      previous &&
      previous.phase !== "" &&
      ["Paused", "Waiting", "WaitingPromotion"].includes(previous.phase)
    ) {
      markers.push({ kind: "resume", label: "Resumed" });
    }
    if (d.aborted) markers.push({ kind: "abort", label: d.message || "Aborted" });
    if (d.rawPhase === "Promoting") markers.push({ kind: "promotion", label: "Promoting" });
  }
  const running = runningAnalysis(d);
  if (running && running !== previous?.analysis)
    markers.push({ kind: "analysis", label: `Analysis ${running}` });
  return markers;
}

export interface WeightHistoryOptions {
  log?: Logger;
  /** How long a point waits for others to share its insert. */
  flushMs?: number;
  /** Points per insert; a full batch is written at once. */
  batchSize?: number;
  /** The most points one read returns (the newest). */
  maxPointsPerRead?: number;
}

interface QueuedPoint {
  delivery_key: string;
  uid: string;
  t: number;
  revision: string | null;
  point: string;
}

export class WeightHistory implements DeliveryRecorder {
  /** The newest point per UID (undefined: known to have none), for the unchanged check and markers. */
  private readonly last = new Map<string, HistoryPoint | undefined>();
  /** Per UID, the work in progress while its newest point is loaded; later views queue behind it. */
  private readonly pending = new Map<string, Promise<unknown>>();
  private queue: QueuedPoint[] = [];
  /** Batches handed to the store but not yet in it: still shown by get(). */
  private readonly inFlight = new Set<QueuedPoint[]>();
  private timer: NodeJS.Timeout | undefined;
  /** The insert in progress; never rejects, so the next one can always chain on it. */
  private writing: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly flushMs: number;
  private readonly batchSize: number;
  private readonly maxPointsPerRead: number;

  constructor(
    private readonly store: Database,
    private readonly writer: WriterElection,
    options: WeightHistoryOptions = {},
  ) {
    this.log = options.log ?? silentLogger();
    this.flushMs = options.flushMs ?? 200;
    this.batchSize = options.batchSize ?? 500;
    this.maxPointsPerRead = options.maxPointsPerRead ?? 5_000;
  }

  observe(delivery: Delivery, _cluster: ClusterEntry): void {
    this.record(delivery).catch((error: unknown) =>
      this.log.warn({ err: error, uid: historyUid(delivery) }, "could not record a weight history point"),
    );
  }

  /** Records the delivery's state if anything shown on the chart changed; resolves with the new point. */
  record(d: Delivery, now = Date.now()): Promise<HistoryPoint | undefined> {
    return this.inOrder(historyUid(d), () => {
      const uid = historyUid(d);
      const previous = this.last.get(uid);
      const step = describeStep(d);
      const revision = d.observed.podHash ?? d.observed.lastAppliedSpec;
      const markers = markersBetween(previous, d);
      const analysis = runningAnalysis(d);
      const unchanged =
        previous &&
        previous.setWeight === d.setWeight &&
        previous.actualWeight === d.actualWeight &&
        previous.phase === d.rawPhase &&
        previous.step === step &&
        markers.length === 0;
      if (unchanged) return undefined;
      const point: HistoryPoint = {
        t: this.uniqueTime(previous, now),
        setWeight: d.setWeight,
        actualWeight: d.actualWeight,
        phase: d.rawPhase,
        ...(step ? { step } : {}),
        ...(revision ? { revision } : {}),
        ...(analysis ? { analysis } : {}),
        markers,
      };
      this.last.set(uid, point);
      // Every replica tracks the point; only the writer stores it, so it is stored once.
      if (this.writer.isHeld) this.enqueue(historyKey(d.ref), uid, point);
      return point;
    });
  }

  /** A person's action, drawn as a marker on the weight chart; written by the replica that acted. */
  recordAction(
    target: { ref: DeliveryRef; uid?: string | undefined },
    label: string,
    now = Date.now(),
  ): Promise<HistoryPoint> {
    const uid = historyUid(target);
    return this.inOrder(uid, () => {
      const last = this.last.get(uid);
      const point: HistoryPoint = {
        t: this.uniqueTime(last, now),
        setWeight: last?.setWeight ?? 0,
        actualWeight: last?.actualWeight ?? 0,
        phase: last?.phase ?? "",
        ...(last?.step ? { step: last.step } : {}),
        ...(last?.revision ? { revision: last.revision } : {}),
        ...(last?.analysis ? { analysis: last.analysis } : {}),
        markers: [{ kind: "action", label }],
      };
      this.last.set(uid, point);
      this.enqueue(historyKey(target.ref), uid, point);
      return point;
    });
  }

  /**
   * The points of one life of a delivery (its UID), oldest first; the newest when there are too many.
   * Includes what this replica recorded but has not written yet, so an action shows at once.
   */
  async get(ref: DeliveryRef, uid: string, since?: number): Promise<HistoryPoint[]> {
    const deliveryKey = historyKey(ref);
    const unwritten = [...[...this.inFlight].flat(), ...this.queue].filter(
      (row) => row.uid === uid && row.delivery_key === deliveryKey && (since === undefined || row.t >= since),
    );
    let query = this.store.db
      .selectFrom("weight_points")
      .select(["t", "point"])
      .where("uid", "=", uid)
      .where("delivery_key", "=", deliveryKey);
    if (since !== undefined) query = query.where("t", ">=", since);
    const stored = await query.orderBy("t", "desc").limit(this.maxPointsPerRead).execute();
    const byTime = new Map<number, string>();
    for (const row of [...unwritten, ...stored]) byTime.set(row.t, row.point);
    return [...byTime.entries()]
      .sort(([a], [b]) => a - b)
      .slice(-this.maxPointsPerRead)
      .flatMap(([, point]) => parsePoint(point) ?? []);
  }

  /** Every object that had this delivery's name (its UIDs), oldest first. */
  async lives(ref: DeliveryRef): Promise<HistoryLife[]> {
    const rows = await this.store.db
      .selectFrom("weight_points")
      .select((eb) => [
        "uid",
        eb.fn.min("t").as("from"),
        eb.fn.max("t").as("to"),
        eb.fn.countAll().as("points"),
      ])
      .where("delivery_key", "=", historyKey(ref))
      .groupBy("uid")
      .execute();
    return rows
      .map((r) => ({ uid: r.uid, from: Number(r.from), to: Number(r.to), points: Number(r.points) }))
      .sort((a, b) => a.from - b.from);
  }

  /** Resolves once everything recorded so far is written (or failed to be, which is logged). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => p.catch(() => undefined)));
    await this.drain();
  }

  /**
   * Runs `work` for a UID after its newest point is known: loaded from the store on first sight, and
   * after any earlier work for the same UID, so views are compared in the order they arrived.
   */
  private inOrder<T>(uid: string, work: () => T): Promise<T> {
    const before = this.pending.get(uid);
    if (!before && this.last.has(uid)) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const result = (before ?? this.loadNewest(uid)).catch(() => undefined).then(work);
    const settled = result.catch(() => undefined);
    this.pending.set(uid, settled);
    void settled.then(() => {
      if (this.pending.get(uid) === settled) this.pending.delete(uid);
    });
    return result;
  }

  private async loadNewest(uid: string): Promise<void> {
    try {
      const row = await this.store.db
        .selectFrom("weight_points")
        .select("point")
        .where("uid", "=", uid)
        .orderBy("t", "desc")
        .limit(1)
        .executeTakeFirst();
      if (!this.last.has(uid)) this.last.set(uid, row ? parsePoint(row.point) : undefined);
    } catch (error) {
      // Recorded as if first seen; the next view of this UID tries the store again.
      this.log.warn({ err: error, uid }, "could not read the newest weight history point");
    }
  }

  /** Times are unique per UID (the store's key): a point in the same millisecond moves on by one. */
  private uniqueTime(previous: HistoryPoint | undefined, now: number): number {
    return previous && now <= previous.t ? previous.t + 1 : now;
  }

  private enqueue(deliveryKey: string, uid: string, point: HistoryPoint): void {
    this.queue.push({
      delivery_key: deliveryKey,
      uid,
      t: point.t,
      revision: point.revision ?? null,
      point: JSON.stringify(point),
    });
    if (this.queue.length >= this.batchSize) void this.drain();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.drain(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes what is queued as one multi-row insert; resolves once it (and every earlier one) is done. */
  private drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.queue;
    this.queue = [];
    if (rows.length === 0) return this.writing;
    this.inFlight.add(rows);
    this.writing = this.writing.then(() =>
      this.store.db
        .insertInto("weight_points")
        .values(rows)
        // Another replica's action marker in the same millisecond already holds the key.
        .onConflict((oc) => oc.columns(["uid", "t"]).doNothing())
        .execute()
        .then(
          () => undefined,
          (error: unknown) =>
            this.log.error({ err: error, points: rows.length }, "could not write weight history points"),
        )
        .finally(() => this.inFlight.delete(rows)),
    );
    return this.writing;
  }
}

const parsePoint = (text: string): HistoryPoint | undefined => parseJsonAs(historyPointSchema, text);
