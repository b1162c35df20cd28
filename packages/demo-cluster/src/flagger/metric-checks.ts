// Flagger's metric checks (pkg/controller/scheduler_metrics.go): the builtin Istio metrics, inline
// queries and MetricTemplates, run in list order with upstream's queries, thresholds and event texts.
// The first failing metric ends the analysis.
import {
  type Canary,
  type CanaryMetric,
  canaryAnalysis,
  classifyAgainstThresholds,
  flaggerIstioBuiltinQuery,
  flaggerMetricThresholds,
  flaggerTrimQuery,
  parseObject,
  renderFlaggerQuery,
} from "@rollscope/shared";
import type { DemoStore } from "../demo-store";
import type { DemoMetricProvider } from "../metric-provider";
import type { FlaggerEventRecorder } from "./event-recorder";
import { namespaceOf, targetName } from "./flagger-context";
import { goDurationMs, goFixed2, goFloat } from "./go-format";

const BUILTIN = new Set(["request-success-rate", "request-duration"]);

type Outcome = { ok: true; value: number } | { ok: false; noValues: boolean; error: string };

async function run(metrics: DemoMetricProvider, query: string): Promise<Outcome> {
  // The Prometheus provider collapses whitespace before sending.
  const result = await metrics.query(flaggerTrimQuery(query));
  if (!result.ok) return { ok: false, noValues: false, error: result.error };
  const value = result.values[0];
  // Empty vectors and NaN are ErrNoValuesFound.
  if (value === undefined || Number.isNaN(value))
    return { ok: false, noValues: true, error: "no values found" };
  return { ok: true, value };
}

function bounds(metric: CanaryMetric, builtin: boolean) {
  const range = metric.thresholdRange
    ? {
        ...(typeof metric.thresholdRange.min === "number" ? { min: metric.thresholdRange.min } : {}),
        ...(typeof metric.thresholdRange.max === "number" ? { max: metric.thresholdRange.max } : {}),
      }
    : undefined;
  // A missing threshold is Go's zero value: a success-rate minimum of 0, or a maximum of 0 otherwise.
  return flaggerMetricThresholds({
    name: builtin ? metric.name : "custom",
    ...(range ? { thresholdRange: range } : { threshold: metric.threshold ?? 0 }),
  });
}

/** The bound a value breaks, with the comparison Flagger prints ("<" under a min, ">" over a max). */
function violation(value: number, metric: CanaryMetric, builtin: boolean) {
  const lines = bounds(metric, builtin);
  if (!lines.drawable) return undefined;
  if (classifyAgainstThresholds(value, lines.lines) !== "fail") return undefined;
  const broken = lines.lines.find((line) => (line.op === ">=" ? value < line.value : value > line.value));
  return broken ? { op: broken.op === ">=" ? "<" : ">", bound: broken.value } : undefined;
}

export class MetricChecks {
  constructor(
    private readonly store: DemoStore,
    private readonly metrics: DemoMetricProvider,
    private readonly events: FlaggerEventRecorder,
    private readonly meshProvider: string,
  ) {}

  async run(canary: Canary): Promise<boolean> {
    for (const metric of canaryAnalysis(canary).metrics ?? []) {
      const isBuiltin = BUILTIN.has(metric.name) && !metric.templateRef && !metric.query;
      const ok = isBuiltin
        ? await this.builtin(canary, metric)
        : metric.templateRef
          ? await this.template(canary, metric)
          : metric.query
            ? await this.inline(canary, metric)
            : true;
      if (!ok) return false;
    }
    return true;
  }

  private async builtin(canary: Canary, metric: CanaryMetric): Promise<boolean> {
    const ns = namespaceOf(canary);
    const id = `${canary.metadata.name}.${ns}`;
    const interval = metric.interval || "1m";
    const name = metric.name as "request-success-rate" | "request-duration";
    const query = flaggerIstioBuiltinQuery(name, { namespace: ns, target: targetName(canary), interval });
    const outcome = await run(this.metrics, query);
    const provider = canary.spec.provider || this.meshProvider;
    if (!outcome.ok) {
      if (!outcome.noValues) this.events.warning(canary, `Prometheus query failed: ${outcome.error}`);
      else if (name === "request-success-rate") {
        this.events.warning(
          canary,
          `Halt advancement no values found for ${provider} metric ${name} probably ${targetName(canary)}.${ns} is not receiving traffic: ${outcome.error}`,
        );
      } else {
        this.events.warning(
          canary,
          `Halt advancement no values found for ${provider} metric ${name} probably ${targetName(canary)}.${ns} is not receiving traffic`,
        );
      }
      return false;
    }
    if (name === "request-success-rate") {
      const broken = violation(outcome.value, metric, true);
      if (!broken) return true;
      this.events.warning(
        canary,
        `Halt ${id} advancement success rate ${goFixed2(outcome.value)}% ${broken.op} ${goFloat(broken.bound)}%`,
      );
      return false;
    }
    // time.Duration(int64(value)) * time.Millisecond: fractions of a millisecond are dropped.
    const ms = Math.trunc(outcome.value);
    const broken = violation(ms, { ...metric, ...truncatedBounds(metric) }, true);
    if (!broken) return true;
    this.events.warning(
      canary,
      `Halt ${id} advancement request duration ${goDurationMs(ms)} ${broken.op} ${goDurationMs(broken.bound)}`,
    );
    return false;
  }

  private async template(canary: Canary, metric: CanaryMetric): Promise<boolean> {
    const ref = metric.templateRef as { name: string; namespace?: string | null };
    const ns = ref.namespace || namespaceOf(canary);
    const raw = this.store.get({ kind: "MetricTemplate", namespace: ns, name: ref.name });
    const parsed = raw ? parseObject("MetricTemplate", raw) : undefined;
    if (!parsed?.ok) {
      this.events.warning(
        canary,
        `Metric template ${ref.name}.${ns} error: metrictemplate.flagger.app "${ref.name}" not found`,
      );
      return false;
    }
    const rendered = renderFlaggerQuery(parsed.value.spec.query, {
      name: canary.metadata.name,
      namespace: namespaceOf(canary),
      target: targetName(canary),
      interval: metric.interval ?? "",
      ...(canary.spec.service?.name ? { service: canary.spec.service.name } : {}),
      ...(metric.templateVariables ? { variables: metric.templateVariables } : {}),
    });
    if (rendered.error || rendered.unresolved.length > 0) {
      const why = rendered.error ?? `map has no entry for key "${rendered.unresolved[0]}"`;
      this.events.warning(canary, `Metric template ${ref.name}.${ns} query render error: ${why}`);
      return false;
    }
    const outcome = await run(this.metrics, rendered.query);
    if (!outcome.ok) {
      this.events.warning(
        canary,
        outcome.noValues
          ? `Halt advancement no values found for custom metric: ${metric.name}: ${outcome.error}`
          : `Metric query failed for ${metric.name}: ${outcome.error}`,
      );
      return false;
    }
    return this.judgeCustom(canary, metric, outcome.value);
  }

  private async inline(canary: Canary, metric: CanaryMetric): Promise<boolean> {
    const outcome = await run(this.metrics, metric.query ?? "");
    if (!outcome.ok) {
      this.events.warning(
        canary,
        outcome.noValues
          ? `Halt advancement no values found for metric: ${metric.name}`
          : `Prometheus query failed for ${metric.name}: ${outcome.error}`,
      );
      return false;
    }
    return this.judgeCustom(canary, metric, outcome.value);
  }

  private judgeCustom(canary: Canary, metric: CanaryMetric, value: number): boolean {
    const broken = violation(value, metric, false);
    if (!broken) return true;
    const id = `${canary.metadata.name}.${namespaceOf(canary)}`;
    this.events.warning(
      canary,
      `Halt ${id} advancement ${metric.name} ${goFixed2(value)} ${broken.op} ${goFloat(broken.bound)}`,
    );
    return false;
  }
}

// Duration bounds are compared as time.Duration(bound) * time.Millisecond (truncated).
function truncatedBounds(metric: CanaryMetric): Partial<CanaryMetric> {
  const t = (v: number | null | undefined) => (typeof v === "number" ? Math.trunc(v) : v);
  return {
    threshold: t(metric.threshold),
    thresholdRange: metric.thresholdRange
      ? { ...metric.thresholdRange, min: t(metric.thresholdRange.min), max: t(metric.thresholdRange.max) }
      : metric.thresholdRange,
  };
}
