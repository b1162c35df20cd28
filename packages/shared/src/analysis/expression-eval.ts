// Interpreter for parsed expr-lang conditions, following expr's runtime (vm/runtime) and the helper
// functions Argo Rollouts puts in the environment (utils/evaluate/evaluate.go).
//
// Deliberate differences from Argo, which type-checks the whole program before running it:
// - type errors are found only on the branch actually evaluated, so `len(result) == 0 || isNaN(result)`
//   succeeds on an empty vector here while Argo rejects it at compile time;
// - `==` between values of different types is false rather than a compile error.
import type { EvaluationResult, ExprNode } from "./expression";
import {
  arithmetic,
  ConditionEvalError,
  compare,
  contains,
  equal,
  fail,
  fetch,
  goTypeName,
  isMap,
} from "./expression-runtime";
import { parseGoFloat } from "./measurement-value";

interface Scope {
  result: unknown;
  /** The element and index bound to `#` / `#index` inside a predicate such as all(xs, {# > 1}). */
  item?: { value: unknown; index: number };
}

function strings(op: string, a: unknown, b: unknown): [string, string] {
  if (typeof a !== "string" || typeof b !== "string") {
    return fail(`invalid operation: ${op} (mismatched types ${goTypeName(a)} and ${goTypeName(b)})`);
  }
  return [a, b];
}

function matches(text: string, pattern: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return fail(`invalid regular expression: ${pattern}`);
  }
}

function asBool(value: unknown, what: string): boolean {
  return typeof value === "boolean" ? value : fail(`${what} needs bool, got ${goTypeName(value)}`);
}

function binary(node: Extract<ExprNode, { type: "binary" }>, scope: Scope): unknown {
  const { op } = node;
  // Logical operators short-circuit, so `len(result) == 0 || result[0] > 0.9` is safe on [].
  if (op === "&&" || op === "||") {
    const left = asBool(ev(node.left, scope), op);
    if (op === "&&" ? !left : left) return left;
    return asBool(ev(node.right, scope), op);
  }
  if (op === "??") return ev(node.left, scope) ?? ev(node.right, scope);
  const a = ev(node.left, scope);
  const b = ev(node.right, scope);
  switch (op) {
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(op, a, b);
    case "in":
      return contains(a, b);
    case "not in":
      return !contains(a, b);
    case "contains": {
      const [s, sub] = strings(op, a, b);
      return s.includes(sub);
    }
    case "startsWith": {
      const [s, prefix] = strings(op, a, b);
      return s.startsWith(prefix);
    }
    case "endsWith": {
      const [s, suffix] = strings(op, a, b);
      return s.endsWith(suffix);
    }
    case "matches":
      return matches(...strings(op, a, b));
    default:
      return arithmetic(op, a, b);
  }
}

function ev(node: ExprNode, scope: Scope): unknown {
  switch (node.type) {
    case "literal":
      return node.value;
    case "identifier":
      if (node.name === "result") return scope.result ?? null;
      if (node.name === "#" && scope.item) return scope.item.value;
      if (node.name === "#index" && scope.item) return scope.item.index;
      return fail(`unknown name ${node.name}`);
    case "member":
      return fetch(ev(node.object, scope), ev(node.property, scope), node.optional);
    case "array":
      return node.elements.map((e) => ev(e, scope));
    case "unary": {
      const value = ev(node.argument, scope);
      if (node.op === "!") return !asBool(value, "!");
      if (typeof value !== "number") return fail(`invalid operation: ${node.op} ${goTypeName(value)}`);
      return node.op === "-" ? -value : value;
    }
    case "binary":
      return binary(node, scope);
    case "conditional":
      return asBool(ev(node.test, scope), "?:") ? ev(node.consequent, scope) : ev(node.alternate, scope);
    case "call":
      return call(node.callee, node.args, scope);
    case "closure":
      return fail("a predicate {...} is only allowed as an argument of all/any/none/one/filter/map/count");
  }
}

function arity(name: string, args: ExprNode[], count: number): void {
  if (args.length < count) fail(`not enough arguments to call ${name}`);
  if (args.length > count) fail(`too many arguments to call ${name}`);
}

function toNumber(name: string, value: unknown): number {
  if (typeof value === "number") return value;
  return fail(`cannot use ${goTypeName(value)} as argument (type float64) to call ${name}`);
}

// Argo's asInt/asFloat take numbers or strings; strings go through strconv.ParseInt/ParseFloat.
function asInt(name: string, value: unknown): number {
  if (typeof value === "number") return Math.trunc(value);
  if (typeof value === "string") {
    return /^[+-]?\d+$/.test(value)
      ? Number(value)
      : fail(`strconv.ParseInt: parsing "${value}": invalid syntax`);
  }
  return fail(`${name}() not supported on ${goTypeName(value)} ${String(value)}`);
}

function asFloat(name: string, value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    return parseGoFloat(value) ?? fail(`strconv.ParseFloat: parsing "${value}": invalid syntax`);
  }
  return fail(`${name}() not supported on ${goTypeName(value)} ${String(value)}`);
}

const PREDICATES = new Set(["all", "any", "none", "one", "filter", "map", "count"]);

function predicate(name: string, args: ExprNode[], scope: Scope): unknown {
  arity(name, args, 2);
  const [collectionNode, predicateNode] = args as [ExprNode, ExprNode];
  const collection = ev(collectionNode, scope);
  if (!Array.isArray(collection)) return fail(`cannot iterate ${goTypeName(collection)}`);
  // expr accepts both all(xs, {# > 1}) and all(xs, # > 1).
  const body = predicateNode.type === "closure" ? predicateNode.body : predicateNode;
  const results = collection.map((value, index) => ev(body, { ...scope, item: { value, index } }));
  if (name === "map") return results;
  const flags = results.map((r) => asBool(r, name));
  const hits = flags.filter(Boolean).length;
  if (name === "all") return hits === flags.length;
  if (name === "any") return hits > 0;
  if (name === "none") return hits === 0;
  if (name === "one") return hits === 1;
  if (name === "count") return hits;
  return collection.filter((_, i) => flags[i]);
}

function call(name: string, args: ExprNode[], scope: Scope): unknown {
  if (PREDICATES.has(name)) return predicate(name, args, scope);
  const values = args.map((a) => ev(a, scope));
  const first = values[0];
  switch (name) {
    case "len":
      arity(name, args, 1);
      if (typeof first === "string") return Array.from(first).length;
      if (Array.isArray(first)) return first.length;
      if (isMap(first)) return Object.keys(first).length;
      return fail(`invalid argument for len (type ${goTypeName(first)})`);
    case "isNaN":
      arity(name, args, 1);
      return Number.isNaN(toNumber(name, first));
    case "isInf": {
      arity(name, args, 1);
      const n = toNumber(name, first);
      return n === Number.POSITIVE_INFINITY || n === Number.NEGATIVE_INFINITY;
    }
    case "abs":
      arity(name, args, 1);
      return Math.abs(toNumber(name, first));
    case "asInt":
    case "int":
      arity(name, args, 1);
      return asInt(name, first);
    case "asFloat":
    case "float":
      arity(name, args, 1);
      return asFloat(name, first);
    // Argo's isNil and default look at `result` itself and ignore their first argument.
    case "isNil":
      arity(name, args, 1);
      return scope.result === null || scope.result === undefined;
    case "default":
      arity(name, args, 2);
      return scope.result === null || scope.result === undefined ? values[1] : scope.result;
    default:
      return fail(`unknown func ${name}`);
  }
}

/** Runs a parsed condition against `result`; see evaluateCondition for the contract. Never throws. */
export function evaluateNode(ast: ExprNode, result: unknown): EvaluationResult {
  try {
    const value = ev(ast, { result });
    if (typeof value !== "boolean") return fail(`expected bool, but got ${goTypeName(value)}`);
    return { ok: true, value };
  } catch (e) {
    const message = e instanceof ConditionEvalError ? e.message : `evaluation failed: ${String(e)}`;
    return { ok: false, error: { kind: "eval", message } };
  }
}
