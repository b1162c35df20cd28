// Turns an Argo success/failure condition into threshold lines a chart can draw, by finding the
// comparisons between a value taken from `result` and a number literal.
import type { BinaryOp, ExprNode } from "./expression";
import { parseCondition } from "./expression";
import {
  negatedOp,
  type ThresholdLine,
  type ThresholdOp,
  type ThresholdResult,
  type ThresholdSide,
} from "./threshold-lines";

type Quantifier = "all" | "any";
/** Where a compared value comes from: a path into `result`, maybe "every/some element of" it. */
interface Subject {
  path: string[];
  quantifier?: Quantifier;
}
interface RawLine extends Subject {
  value: number;
  op: ThresholdOp;
}
interface Collected {
  lines: RawLine[];
  combine?: Quantifier;
  /** A boolean test without a number (`result.ok`, `result == true`) was skipped. */
  soft: boolean;
}

class NotDrawable extends Error {}
const stop = (reason: string): never => {
  throw new NotDrawable(reason);
};

const COMPARISONS = new Set<BinaryOp>(["<", "<=", ">", ">=", "==", "!="]);
const MIRRORED: Record<ThresholdOp, ThresholdOp> = {
  "<": ">",
  "<=": ">=",
  ">": "<",
  ">=": "<=",
  "==": "==",
  "!=": "!=",
};
// Conversions that keep the value: asInt(result) >= 1 is still a threshold on result.
const TRANSPARENT_CALLS = new Set(["asInt", "asFloat", "int", "float"]);
const QUANTIFIERS = new Set(["all", "any", "none"]);
const GUARD_CALLS = new Set(["isNaN", "isInf", "isNil"]);
const SOFT: Collected = { lines: [], soft: true };

function children(node: ExprNode): ExprNode[] {
  switch (node.type) {
    case "member":
      return [node.object, node.property];
    case "call":
      return node.args;
    case "unary":
      return [node.argument];
    case "binary":
      return [node.left, node.right];
    case "array":
      return node.elements;
    case "conditional":
      return [node.test, node.consequent, node.alternate];
    case "closure":
      return [node.body];
    default:
      return [];
  }
}

function mentionsResult(node: ExprNode): boolean {
  if (node.type === "identifier") return node.name === "result" || node.name === "#";
  return children(node).some(mentionsResult);
}

function unknownName(node: ExprNode): string | undefined {
  if (node.type === "identifier" && !["result", "#", "#index"].includes(node.name)) return node.name;
  for (const child of children(node)) {
    const name = unknownName(child);
    if (name !== undefined) return name;
  }
  return undefined;
}

function literalNumber(node: ExprNode): number | undefined {
  if (node.type === "literal") return typeof node.value === "number" ? node.value : undefined;
  if (node.type === "unary" && node.op !== "!") {
    const inner = literalNumber(node.argument);
    return inner === undefined ? undefined : node.op === "-" ? -inner : inner;
  }
  return undefined;
}

/** The part of `result` a value is derived from, undefined if it is not derived from result. */
function subject(node: ExprNode, binding: Subject | undefined): Subject | undefined {
  switch (node.type) {
    case "identifier":
      if (node.name === "result") return { path: [] };
      return node.name === "#" ? binding : undefined;
    case "member": {
      const base = subject(node.object, binding);
      if (!base) return undefined;
      const key = node.property;
      if (key.type !== "literal" || (typeof key.value !== "string" && typeof key.value !== "number")) {
        return stop("uses a computed index into result");
      }
      return { ...base, path: [...base.path, String(key.value)] };
    }
    case "call": {
      const [first] = node.args;
      if (first && TRANSPARENT_CALLS.has(node.callee) && node.args.length === 1)
        return subject(first, binding);
      if (first && node.callee === "default" && node.args.length === 2) return subject(first, binding);
      return mentionsResult(node) ? stop(`uses a function we cannot invert: ${node.callee}()`) : undefined;
    }
    case "binary":
      if (node.op === "??") return subject(node.left, binding);
      return mentionsResult(node)
        ? stop("applies arithmetic or logic to result before comparing")
        : undefined;
    default:
      return mentionsResult(node) ? stop("uses an expression on result we cannot invert") : undefined;
  }
}

/** Presence checks (len, isNaN, isInf, isNil, == nil) that say nothing about the threshold. */
function isGuard(node: ExprNode): boolean {
  if (node.type === "unary" && node.op === "!") return isGuard(node.argument);
  if (node.type === "call") return GUARD_CALLS.has(node.callee);
  if (node.type !== "binary" || !COMPARISONS.has(node.op)) return false;
  const isLen = (n: ExprNode) => n.type === "call" && n.callee === "len";
  const isNil = (n: ExprNode) => n.type === "literal" && n.value === null;
  return isLen(node.left) || isLen(node.right) || isNil(node.left) || isNil(node.right);
}

function comparison(
  node: Extract<ExprNode, { type: "binary" }>,
  negated: boolean,
  binding?: Subject,
): Collected {
  const left = subject(node.left, binding);
  const right = subject(node.right, binding);
  if (left && right) return stop("compares two fields of result");
  const leftValue = literalNumber(node.left);
  const rightValue = literalNumber(node.right);
  let op = node.op as ThresholdOp;
  let line: RawLine;
  if (left && rightValue !== undefined) line = { ...left, value: rightValue, op };
  else if (right && leftValue !== undefined) line = { ...right, value: leftValue, op: MIRRORED[op] };
  else return SOFT; // compared with a string, a bool or nothing from result
  op = negated ? negatedOp[line.op] : line.op;
  return { lines: [{ ...line, op }], soft: false };
}

// `result in [200, 201]` is one == line per value, any of which passes.
function membership(node: Extract<ExprNode, { type: "binary" }>, negated: boolean, binding?: Subject) {
  const needle = subject(node.left, binding);
  if (!needle || node.right.type !== "array") return SOFT;
  const values = node.right.elements.map(literalNumber);
  if (values.some((v) => v === undefined)) return SOFT;
  const excluded = negated !== (node.op === "not in");
  const lines = (values as number[]).map(
    (value): RawLine => ({ ...needle, value, op: excluded ? "!=" : "==" }),
  );
  const combine: Quantifier = excluded ? "all" : "any";
  return { lines, soft: false, ...(lines.length > 1 ? { combine } : {}) };
}

// all(xs, {# > 1}), any(...), none(...): the predicate's comparisons apply to every/some element.
function quantified(node: Extract<ExprNode, { type: "call" }>, negated: boolean, binding?: Subject) {
  const [collection, predicate] = node.args;
  if (!collection || !predicate || node.args.length !== 2) return SOFT;
  const base = subject(collection, binding);
  if (!base) return SOFT;
  // !all(p) = any(!p); none(p) = all(!p)
  let quantifier: Quantifier = node.callee === "any" ? "any" : "all";
  if (negated) quantifier = quantifier === "all" ? "any" : "all";
  const body = predicate.type === "closure" ? predicate.body : predicate;
  return collect(body, negated !== (node.callee === "none"), { path: base.path, quantifier });
}

function logical(
  node: Extract<ExprNode, { type: "binary" }>,
  negated: boolean,
  binding?: Subject,
): Collected {
  const combine: Quantifier = (node.op === "&&") !== negated ? "all" : "any";
  const lines: RawLine[] = [];
  let soft = false;
  for (const part of [node.left, node.right]) {
    if (isGuard(part)) continue;
    const inner = collect(part, negated, binding);
    if (inner.lines.length > 1 && inner.combine !== combine) stop("mixes and/or comparisons");
    lines.push(...inner.lines);
    soft ||= inner.soft;
  }
  // In an `or`, a branch we cannot draw could pass on its own, so the lines would mislead.
  if (combine === "any" && soft && lines.length > 0) stop("has an alternative without a numeric comparison");
  return { lines, soft, ...(lines.length > 1 ? { combine } : {}) };
}

function collect(node: ExprNode, negated: boolean, binding?: Subject): Collected {
  if (node.type === "unary" && node.op === "!") return collect(node.argument, !negated, binding);
  if (node.type === "binary") {
    if (node.op === "&&" || node.op === "||") return logical(node, negated, binding);
    if (COMPARISONS.has(node.op)) return comparison(node, negated, binding);
    if (node.op === "in" || node.op === "not in") return membership(node, negated, binding);
  }
  if (node.type === "call" && QUANTIFIERS.has(node.callee)) return quantified(node, negated, binding);
  if (node.type === "conditional" && mentionsResult(node)) stop("uses a conditional expression on result");
  return SOFT;
}

function pathLabel(path: string[]): string {
  const segments = path.map((segment) => {
    if (/^\d+$/.test(segment)) return `[${segment}]`;
    return /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  });
  return `result${segments.join("")}`;
}

function toLine(raw: RawLine, side: ThresholdSide, combine: Quantifier | undefined): ThresholdLine {
  const prefix = raw.quantifier === "all" ? "every " : raw.quantifier === "any" ? "some " : "";
  const line: ThresholdLine = {
    value: raw.value,
    op: raw.op,
    side,
    label: `${prefix}${pathLabel(raw.path)} ${raw.op} ${raw.value}`,
  };
  if (raw.path.length > 0) line.field = raw.path.join(".");
  if (combine === "any") line.combine = "any";
  return line;
}

/**
 * Threshold lines for an Argo `successCondition` (kind "success": values satisfying a line pass) or
 * `failureCondition` (kind "failure": values satisfying a line fail). Never throws.
 */
export function conditionThresholds(
  condition: string | undefined,
  kind: "success" | "failure",
): ThresholdResult {
  if (condition === undefined || condition.trim() === "")
    return { drawable: false, reason: "has no condition" };
  const parsed = parseCondition(condition);
  if (!parsed.ok) return { drawable: false, reason: `cannot be parsed: ${parsed.error.message}` };
  try {
    const unknown = unknownName(parsed.ast);
    if (unknown !== undefined) return { drawable: false, reason: `uses unknown name "${unknown}"` };
    if (isGuard(parsed.ast)) return { drawable: false, reason: "only checks for missing or invalid data" };
    const { lines, combine } = collect(parsed.ast, false);
    if (lines.length === 0) return { drawable: false, reason: "has no numeric comparison" };
    const side: ThresholdSide = kind === "success" ? "pass" : "fail";
    return { drawable: true, lines: lines.map((line) => toLine(line, side, combine)) };
  } catch (e) {
    return {
      drawable: false,
      reason: e instanceof NotDrawable ? e.message : `cannot be analysed: ${String(e)}`,
    };
  }
}
