// Value semantics of expr's runtime (vm/runtime/runtime.go) for JSON-like values: Go-style type names
// for error messages, equality, indexing, ordering, arithmetic and the `in` operator.
import type { BinaryOp } from "./expression";

export class ConditionEvalError extends Error {}

export const fail = (message: string): never => {
  throw new ConditionEvalError(message);
};

/** Go-style type names, only for error messages that match what Argo users see. */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float64";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "[]interface {}";
  return "map[string]interface {}";
}

export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function equal(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]))
    );
  }
  return a === b; // NaN != NaN, as in Go
}

export function fetch(from: unknown, key: unknown, optional: boolean): unknown {
  if (from === null || from === undefined) {
    return optional ? null : fail(`cannot fetch ${String(key)} from <nil>`);
  }
  if (Array.isArray(from) || typeof from === "string") {
    if (typeof key !== "number") return fail(`cannot fetch ${String(key)} from ${goTypeName(from)}`);
    const length = from.length;
    let index = Math.trunc(key);
    if (index < 0) index += length; // expr counts negative indexes from the end
    if (index < 0 || index >= length) fail(`index out of range: ${index} (array length is ${length})`);
    return typeof from === "string" ? from.charAt(index) : from[index];
  }
  // A missing map key is nil in expr, not an error.
  if (isMap(from)) return typeof key === "string" && Object.hasOwn(from, key) ? from[key] : null;
  return fail(`cannot fetch ${String(key)} from ${goTypeName(from)}`);
}

export function compare(op: "<" | "<=" | ">" | ">=", a: unknown, b: unknown): boolean {
  const comparable =
    (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
  if (!comparable) fail(`invalid operation: ${op} (mismatched types ${goTypeName(a)} and ${goTypeName(b)})`);
  const x = a as number | string;
  const y = b as number | string;
  if (op === "<") return x < y;
  if (op === "<=") return x <= y;
  if (op === ">") return x > y;
  return x >= y;
}

export type FloatOperator = "+" | "-" | "*" | "/";

/** The four operators on float64 numbers, as expr and PromQL apply them: 1/0 is +Inf, not an error. */
export function floatArithmetic(op: FloatOperator, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
  }
}

export function arithmetic(op: BinaryOp, a: unknown, b: unknown): number | string {
  if (op === "+" && typeof a === "string" && typeof b === "string") return a + b;
  if (typeof a !== "number" || typeof b !== "number") {
    return fail(`invalid operation: ${op} (mismatched types ${goTypeName(a)} and ${goTypeName(b)})`);
  }
  switch (op) {
    case "+":
    case "-":
    case "*":
    case "/":
      return floatArithmetic(op, a, b);
    case "%":
      if (!Number.isInteger(a) || !Number.isInteger(b)) fail("invalid operation: % needs integers");
      if (b === 0) fail("integer divide by zero");
      return a % b;
    default:
      return a ** b;
  }
}

export function contains(needle: unknown, haystack: unknown): boolean {
  if (haystack === null || haystack === undefined) return false;
  if (Array.isArray(haystack)) return haystack.some((item) => equal(item, needle));
  if (isMap(haystack)) {
    if (typeof needle !== "string")
      fail(`cannot use ${goTypeName(needle)} as index to ${goTypeName(haystack)}`);
    return Object.hasOwn(haystack, needle as string);
  }
  return fail(`operator "in" not defined on ${goTypeName(haystack)}`);
}
