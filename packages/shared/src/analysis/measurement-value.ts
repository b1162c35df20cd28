// Argo Rollouts stores every measurement value as a string. Prometheus vectors are written as
// "[0.97,0.5]" with Go's float formatting (so "NaN" and "+Inf" may appear unquoted), scalars as
// "0.5" or "NaN", web/JSON providers as JSON text. This module turns that string back into data.

export type MeasurementValue =
  | { kind: "number"; value: number }
  | { kind: "vector"; values: number[] }
  | { kind: "object"; fields: Record<string, unknown> }
  | { kind: "nan" }
  | { kind: "text"; text: string }
  | { kind: "empty" };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)inf(?:inity)?$/i;
const NOT_A_NUMBER = /^[+-]?nan$/i;

/** Parses one float the way Go's strconv.ParseFloat accepts it (decimal, Inf, NaN); undefined otherwise. */
export function parseGoFloat(token: string): number | undefined {
  if (DECIMAL.test(token)) return Number(token);
  const inf = INFINITY.exec(token);
  if (inf) return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (NOT_A_NUMBER.test(token)) return Number.NaN;
  return undefined;
}

// Accepts both "[1,2]" (Argo's Prometheus format, also JSON) and "[1 2]" (Go's fmt for []float64).
function parseVector(inner: string): number[] | undefined {
  const trimmed = inner.trim();
  if (trimmed === "") return [];
  const values: number[] = [];
  for (const token of trimmed.split(/\s*,\s*|\s+/)) {
    const value = parseGoFloat(token);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON: the caller falls back to text.
  }
  return undefined;
}

export function parseMeasurementValue(value: string | undefined): MeasurementValue {
  if (value === undefined) return { kind: "empty" };
  const text = value.trim();
  if (text === "") return { kind: "empty" };
  const number = parseGoFloat(text);
  if (number !== undefined) return Number.isNaN(number) ? { kind: "nan" } : { kind: "number", value: number };
  if (text.startsWith("[") && text.endsWith("]")) {
    const values = parseVector(text.slice(1, -1));
    if (values) return { kind: "vector", values };
  }
  if (text.startsWith("{")) {
    const fields = parseJsonObject(text);
    if (fields) return { kind: "object", fields };
  }
  return { kind: "text", text: value };
}

function numericFieldNames(fields: Record<string, unknown>): string[] {
  return Object.keys(fields).filter((key) => typeof fields[key] === "number");
}

/**
 * The number a chart should plot: the number itself, the first element of a vector, or the only
 * numeric field of an object. NaN and ±Inf cannot be plotted, so they give undefined.
 */
export function primaryNumber(v: MeasurementValue): number | undefined {
  let candidate: unknown;
  if (v.kind === "number") candidate = v.value;
  else if (v.kind === "vector") candidate = v.values[0];
  else if (v.kind === "object") {
    const names = numericFieldNames(v.fields);
    const only = names.length === 1 ? names[0] : undefined;
    candidate = only === undefined ? undefined : v.fields[only];
  }
  return typeof candidate === "number" && Number.isFinite(candidate) ? candidate : undefined;
}

/**
 * Which part of `result` primaryNumber() plotted, in the same form as a threshold line's `field`
 * ("0" for a vector's first element, the field name for an object, undefined for a plain number).
 */
export function primaryField(v: MeasurementValue): string | undefined {
  if (v.kind === "vector") return "0";
  if (v.kind === "object") {
    const names = numericFieldNames(v.fields);
    return names.length === 1 ? names[0] : undefined;
  }
  return undefined;
}

/** The value a condition sees as `result` for this measurement (empty becomes nil). */
export function measurementResult(v: MeasurementValue): unknown {
  switch (v.kind) {
    case "number":
      return v.value;
    case "vector":
      return [...v.values];
    case "object":
      return v.fields;
    case "nan":
      return Number.NaN;
    case "text":
      return v.text;
    case "empty":
      return null;
  }
}
