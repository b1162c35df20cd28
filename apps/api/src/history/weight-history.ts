// Desired and actual weight of every delivery over time, with step, pause, analysis, revision and
// human-action markers. Recorded from watch-driven Delivery changes and kept on disk (JSONL), so a
// restart does not lose it; bounded per delivery and compacted when the file grows.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Delivery } from "@rollscope/shared";
import { z } from "zod";

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

const lineSchema = historyPointSchema.extend({ key: z.string() });

export function historyKey(ref: { cluster: string; kind: string; namespace: string; name: string }): string {
  return `${ref.cluster}/${ref.kind}/${ref.namespace}/${ref.name}`;
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

export class WeightHistory {
  private readonly points = new Map<string, HistoryPoint[]>();
  private readonly path: string;
  private bytes = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly maxPointsPerDelivery = 2_000,
    private readonly maxFileBytes = 32 * 1024 * 1024,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, "history.jsonl");
    this.load();
  }

  /** Records the delivery's state if anything shown on the chart changed. */
  record(d: Delivery, now = Date.now()): HistoryPoint | undefined {
    const key = historyKey(d.ref);
    const list = this.points.get(key) ?? [];
    const previous = list[list.length - 1];
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
      t: now,
      setWeight: d.setWeight,
      actualWeight: d.actualWeight,
      phase: d.rawPhase,
      ...(step ? { step } : {}),
      ...(revision ? { revision } : {}),
      ...(analysis ? { analysis } : {}),
      markers,
    };
    this.append(key, point);
    return point;
  }

  /** A person's action, drawn as a marker on the weight chart. */
  recordAction(ref: Delivery["ref"], label: string, now = Date.now()): void {
    const key = historyKey(ref);
    const list = this.points.get(key) ?? [];
    const last = list[list.length - 1];
    this.append(key, {
      t: now,
      setWeight: last?.setWeight ?? 0,
      actualWeight: last?.actualWeight ?? 0,
      phase: last?.phase ?? "",
      ...(last?.step ? { step: last.step } : {}),
      ...(last?.revision ? { revision: last.revision } : {}),
      ...(last?.analysis ? { analysis: last.analysis } : {}),
      markers: [{ kind: "action", label }],
    });
  }

  get(ref: Delivery["ref"], since?: number): HistoryPoint[] {
    const list = this.points.get(historyKey(ref)) ?? [];
    return since === undefined ? [...list] : list.filter((p) => p.t >= since);
  }

  /** Resolves once everything recorded so far is written. */
  flush(): Promise<void> {
    return this.writing;
  }

  private append(key: string, point: HistoryPoint): void {
    const list = this.points.get(key) ?? [];
    list.push(point);
    if (list.length > this.maxPointsPerDelivery) list.splice(0, list.length - this.maxPointsPerDelivery);
    this.points.set(key, list);
    const line = `${JSON.stringify({ key, ...point })}\n`;
    this.bytes += Buffer.byteLength(line);
    const compact = this.bytes > this.maxFileBytes;
    this.writing = this.writing
      .then(() => (compact ? this.compact() : appendFile(this.path, line)))
      .catch(() => undefined);
  }

  /** Rewrites the file with only what is kept in memory. */
  private async compact(): Promise<void> {
    const lines: string[] = [];
    for (const [key, list] of this.points) for (const p of list) lines.push(JSON.stringify({ key, ...p }));
    const text = lines.length > 0 ? `${lines.join("\n")}\n` : "";
    this.bytes = Buffer.byteLength(text);
    await writeFile(this.path, text);
  }

  private load(): void {
    let text = "";
    try {
      text = readFileSync(this.path, "utf8");
      this.bytes = statSync(this.path).size;
    } catch {
      return;
    }
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        const parsed = lineSchema.safeParse(JSON.parse(line));
        if (!parsed.success) continue;
        const { key, ...point } = parsed.data;
        const list = this.points.get(key) ?? [];
        list.push(point);
        if (list.length > this.maxPointsPerDelivery) list.shift();
        this.points.set(key, list);
      } catch {
        // A torn last line from a crash is skipped.
      }
    }
  }
}
