// How one measurement is judged (utils/evaluate EvaluateResult) and how a Prometheus result is stored
// (metricproviders/prometheus processResponse): a vector becomes "[v1,v2]" with Go's shortest 'f'
// float format, an empty vector "[]".
import { evaluateCondition } from "@rollscope/shared";

export type MeasuredPhase = "Successful" | "Failed" | "Inconclusive" | "Error";

/** strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, frac = "", exp] = match;
  const digits = `${lead}${frac}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function formatPrometheusVector(values: readonly number[]): string {
  return `[${values.map(formatGoFloat).join(",")}]`;
}

/** evaluate.EvaluateResult: success/failure conditions decide the measurement's phase. */
export function evaluateMeasurement(
  result: unknown,
  metric: { successCondition?: string | null; failureCondition?: string | null },
): { phase: MeasuredPhase; message?: string } {
  const successText = metric.successCondition ?? "";
  const failureText = metric.failureCondition ?? "";
  let success = false;
  let failure = false;
  if (successText !== "") {
    const evaluated = evaluateCondition(successText, result);
    if (!evaluated.ok) return { phase: "Error", message: evaluated.error.message };
    success = evaluated.value;
  }
  if (failureText !== "") {
    const evaluated = evaluateCondition(failureText, result);
    if (!evaluated.ok) return { phase: "Error", message: evaluated.error.message };
    failure = evaluated.value;
  }
  if (successText === "" && failureText === "") return { phase: "Successful" };
  // Without a failure condition a measurement fails when the success condition is false, and the
  // other way round; with both, neither being true is Inconclusive.
  if (successText !== "" && failureText === "") failure = !success;
  if (successText === "" && failureText !== "") success = !failure;
  if (failure) return { phase: "Failed" };
  if (!success) return { phase: "Inconclusive" };
  return { phase: "Successful" };
}
