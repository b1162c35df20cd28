// A small client for the Prometheus HTTP API: instant and range queries with timeouts, errors as values,
// and identical queries from many viewers made once (in-flight sharing plus a short-lived cache).
// Answers are not trusted for size or shape: bytes and series are capped, the shape checked with zod.
import { z } from "zod";
import { readBoundedBody } from "./read-bounded-body";

const sampleSchema = z.tuple([z.number(), z.string()]);
const responseSchema = z.object({
  status: z.enum(["success", "error"]),
  data: z
    .object({
      resultType: z.enum(["vector", "matrix", "scalar", "string"]),
      result: z.unknown(),
    })
    .optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
});
const vectorSchema = z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleSchema }));
const matrixSchema = z.array(
  z.object({ metric: z.record(z.string(), z.string()), values: z.array(sampleSchema) }),
);

export interface Series {
  labels: Record<string, string>;
  /** [unix seconds, value] pairs; NaN/Inf kept as numbers. */
  points: Array<[number, number]>;
}

export type PromResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface PrometheusClientOptions {
  timeoutMs?: number;
  /** How long an identical answer is reused. */
  cacheMs?: number;
  /** Largest answer body read, in bytes (decompressed); larger answers become an error. */
  maxAnswerBytes?: number;
  /** Most series one answer may hold; a panel draws a few, thousands mean the query needs narrowing. */
  maxSeries?: number;
  fetch?: typeof fetch;
}

const mebibyte = 1024 * 1024;
const defaultMaxAnswerBytes = 16 * mebibyte;
const defaultMaxSeries = 1000;

function formatMebibytes(bytes: number): string {
  const mib = bytes / mebibyte;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

export class PrometheusClient {
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly maxAnswerBytes: number;
  private readonly maxSeries: number;
  private readonly cache = new Map<string, { at: number; result: Promise<PromResult<unknown>> }>();
  /** Queries actually sent (not answered from cache): for tests and /metrics. */
  sent = 0;

  constructor(
    readonly baseUrl: string,
    options: PrometheusClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.cacheMs = options.cacheMs ?? 5_000;
    // Node's fetch is looked up at the first query: reading the global loads its HTTP stack (undici),
    // about 3 MB that a dashboard whose pages never ask Prometheus does not need.
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.maxAnswerBytes = options.maxAnswerBytes ?? defaultMaxAnswerBytes;
    this.maxSeries = options.maxSeries ?? defaultMaxSeries;
  }

  /** An instant query; each series becomes one point. */
  async instant(query: string, time?: number): Promise<PromResult<Series[]>> {
    const params = new URLSearchParams({ query, ...(time !== undefined ? { time: String(time) } : {}) });
    const result = await this.request("/api/v1/query", params);
    if (!result.ok) return result;
    if (result.value.resultType === "scalar") {
      const sample = sampleSchema.safeParse(result.value.result);
      return sample.success
        ? { ok: true, value: [{ labels: {}, points: [toPoint(sample.data)] }] }
        : invalid();
    }
    const crowded = this.tooManySeries(result.value.result);
    if (crowded) return crowded;
    const vector = vectorSchema.safeParse(result.value.result);
    if (!vector.success) return invalid();
    return { ok: true, value: vector.data.map((s) => ({ labels: s.metric, points: [toPoint(s.value)] })) };
  }

  /** A range query from `start` to `end` (unix seconds) every `stepSeconds`. */
  async range(query: string, start: number, end: number, stepSeconds: number): Promise<PromResult<Series[]>> {
    const step = Math.max(1, Math.round(stepSeconds));
    // Align to the step so viewers a moment apart share one cached answer.
    const alignedEnd = Math.ceil(end / step) * step;
    const alignedStart = Math.floor(start / step) * step;
    const params = new URLSearchParams({
      query,
      start: String(alignedStart),
      end: String(alignedEnd),
      step: String(step),
    });
    const result = await this.request("/api/v1/query_range", params);
    if (!result.ok) return result;
    const crowded = this.tooManySeries(result.value.result);
    if (crowded) return crowded;
    const matrix = matrixSchema.safeParse(result.value.result);
    if (!matrix.success) return invalid();
    return { ok: true, value: matrix.data.map((s) => ({ labels: s.metric, points: s.values.map(toPoint) })) };
  }

  private request(
    path: string,
    params: URLSearchParams,
  ): Promise<PromResult<{ resultType: string; result: unknown }>> {
    const url = `${this.baseUrl.replace(/\/+$/, "")}${path}?${params.toString()}`;
    const now = Date.now();
    const cached = this.cache.get(url);
    if (cached && now - cached.at < this.cacheMs)
      return cached.result as Promise<PromResult<{ resultType: string; result: unknown }>>;
    const result = this.send(url);
    this.cache.set(url, { at: now, result });
    if (this.cache.size > 500) this.evict(now);
    return result;
  }

  private async send(url: string): Promise<PromResult<{ resultType: string; result: unknown }>> {
    this.sent++;
    // Aborted too when the answer passes the size cap, so the connection stops delivering bytes.
    const stop = new AbortController();
    try {
      const response = await this.fetchFn(url, {
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), stop.signal]),
      });
      const answer = await readBoundedBody(response, this.maxAnswerBytes);
      if (!answer.ok) {
        stop.abort();
        return { ok: false, error: this.tooLargeMessage(answer.declaredBytes) };
      }
      const body = responseSchema.safeParse(parseJson(answer.text));
      if (!body.success)
        return { ok: false, error: `Prometheus answered HTTP ${response.status} with an unreadable body` };
      if (body.data.status === "error" || !body.data.data) {
        return {
          ok: false,
          error: `Prometheus rejected the query: ${body.data.error ?? body.data.errorType ?? "unknown error"}`,
        };
      }
      return { ok: true, value: body.data.data };
    } catch (error) {
      const e = error as Error;
      const reason = e.name === "TimeoutError" ? `timed out after ${this.timeoutMs} ms` : e.message;
      return { ok: false, error: `Prometheus at ${this.baseUrl} could not be reached: ${reason}` };
    }
  }

  private tooLargeMessage(declaredBytes: number | undefined): string {
    const announced = declaredBytes !== undefined ? ` (it announced ${formatMebibytes(declaredBytes)})` : "";
    return `Prometheus answered more than ${formatMebibytes(this.maxAnswerBytes)} for this query${announced}; narrow it (fewer series or a shorter range)`;
  }

  private tooManySeries(result: unknown): { ok: false; error: string } | undefined {
    if (!Array.isArray(result) || result.length <= this.maxSeries) return undefined;
    return {
      ok: false,
      error: `Prometheus answered ${result.length} series for this query, more than the ${this.maxSeries} Rollscope keeps; narrow it (aggregate with sum or add label matchers)`,
    };
  }

  private evict(now: number): void {
    for (const [url, entry] of this.cache) if (now - entry.at >= this.cacheMs) this.cache.delete(url);
  }
}

function toPoint([t, v]: [number, string]): [number, number] {
  return [t, Number(v)];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function invalid(): { ok: false; error: string } {
  return { ok: false, error: "Prometheus answered with a result of an unexpected shape" };
}
