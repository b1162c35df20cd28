// Parses Argo Rollouts success/failure conditions, which are written in expr-lang
// (github.com/expr-lang/expr, formerly antonmedv/expr), with jsep.
//
// jsep keeps its grammar in static fields of one shared class. Instead of changing that grammar for
// the whole process, the expr grammar below is built once at module load and installed only for the
// duration of a (synchronous) parse, then the previous grammar is put back. Other users of jsep in the
// same process never see `and`, `in`, `#` or the other expr additions, and their plugins never run here.
import jsep from "jsep";
import { evaluateNode } from "./expression-eval";

export type BinaryOp =
  | "||"
  | "&&"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "in"
  | "not in"
  | "contains"
  | "startsWith"
  | "endsWith"
  | "matches"
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "**"
  | "??";

/** The typed syntax tree of a condition. `and`/`or`/`not`/`^` are normalised to `&&`/`||`/`!`/`**`. */
export type ExprNode =
  | { type: "literal"; value: number | string | boolean | null }
  | { type: "identifier"; name: string }
  | { type: "member"; object: ExprNode; property: ExprNode; optional: boolean }
  | { type: "call"; callee: string; args: ExprNode[] }
  | { type: "unary"; op: "!" | "-" | "+"; argument: ExprNode }
  | { type: "binary"; op: BinaryOp; left: ExprNode; right: ExprNode }
  | { type: "array"; elements: ExprNode[] }
  | { type: "conditional"; test: ExprNode; consequent: ExprNode; alternate: ExprNode }
  | { type: "closure"; body: ExprNode };

export interface ConditionError {
  /** "parse": the text is not an expression we understand; "eval": it failed on this result. */
  kind: "parse" | "eval";
  message: string;
  /** Character offset of a parse error, when known. */
  index?: number;
}

export type ConditionParseResult = { ok: true; ast: ExprNode } | { ok: false; error: ConditionError };
export type EvaluationResult = { ok: true; value: boolean } | { ok: false; error: ConditionError };

// Precedences follow expr's parser/operator/operator.go, compressed to jsep's scale (higher binds tighter).
const EXPR_BINARY_OPS: Record<string, number> = {
  "||": 1,
  or: 1,
  "&&": 2,
  and: 2,
  "==": 3,
  "!=": 3,
  "<": 3,
  ">": 3,
  "<=": 3,
  ">=": 3,
  in: 3,
  "not in": 3,
  matches: 3,
  contains: 3,
  startsWith: 3,
  endsWith: 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
  "%": 5,
  "**": 6,
  "^": 6,
  "??": 7,
};
const EXPR_UNARY_OPS: Record<string, number> = { "!": 1, not: 1, "-": 1, "+": 1 };
const OP_ALIASES: Record<string, BinaryOp> = { or: "||", and: "&&", "^": "**" };

type Env = { node?: jsep.Expression };
type Hook = (this: jsep.HookScope, env: Env) => void;
const IDENTIFIER_CHAR = /[A-Za-z0-9_$]/;
// Read through a function: TypeScript would otherwise narrow the `char` getter after one comparison.
const peek = (scope: jsep.HookScope, offset = 0) => scope.expr.charAt(scope.index + offset);

// expr tokens jsep lacks: `#`/`#index` (the predicate element), `{ ... }` predicates, and `.field`
// (shorthand for `#.field` inside a predicate).
const gobbleExprToken: Hook = function (env) {
  let node: jsep.Expression | undefined;
  if (peek(this) === "#") {
    let name = "#";
    this.index++;
    while (IDENTIFIER_CHAR.test(peek(this))) name += this.expr.charAt(this.index++);
    node = { type: "Identifier", name };
  } else if (peek(this) === "{") {
    this.index++;
    const body = this.gobbleExpression();
    this.gobbleSpaces();
    if (!body || peek(this) !== "}") this.throwError("Expected } to close the predicate");
    this.index++;
    node = { type: "Closure", body };
  } else if (peek(this) === "." && /[A-Za-z_$]/.test(peek(this, 1))) {
    this.index++;
    const property = this.gobbleIdentifier() as jsep.Expression;
    node = { type: "MemberExpression", computed: false, object: { type: "Identifier", name: "#" }, property };
  }
  if (node) env.node = this.gobbleTokenProperty(node);
};

// `test ? a : b`; the shared ternary plugin lives in the global hooks we swap out, so it is redone here.
const gobbleTernary: Hook = function (env) {
  if (!env.node || peek(this) !== "?") return;
  this.index++;
  const consequent = this.gobbleExpression();
  this.gobbleSpaces();
  if (!consequent || peek(this) !== ":") this.throwError("Expected : in conditional expression");
  this.index++;
  const alternate = this.gobbleExpression();
  if (!alternate) this.throwError("Expected expression after :");
  env.node = { type: "ConditionalExpression", test: env.node, consequent, alternate };
};

const EXPR_HOOKS = {
  "gobble-token": [gobbleExprToken],
  "after-expression": [gobbleTernary],
  run(name: "gobble-token" | "after-expression", env: Env & { context: jsep.HookScope }) {
    for (const hook of EXPR_HOOKS[name] ?? []) hook.call(env.context, env);
  },
};

const maxKeyLength = (ops: Record<string, number>) => Math.max(...Object.keys(ops).map((op) => op.length));
const EXPR_GRAMMAR = {
  binary_ops: EXPR_BINARY_OPS,
  unary_ops: EXPR_UNARY_OPS,
  max_binop_len: maxKeyLength(EXPR_BINARY_OPS),
  max_unop_len: maxKeyLength(EXPR_UNARY_OPS),
  right_associative: new Set(["**", "^"]),
  additional_identifier_chars: new Set(["_", "$"]),
  literals: { true: true, false: false, nil: null },
  this_str: "",
  hooks: EXPR_HOOKS,
};
type Grammar = typeof EXPR_GRAMMAR;
// The class behind jsep's default export; its statics are what the parser actually reads.
const JsepClass = (jsep as unknown as { Jsep: Grammar & { parse(src: string): jsep.Expression } }).Jsep;
const GRAMMAR_KEYS = Object.keys(EXPR_GRAMMAR) as Array<keyof Grammar>;

function parseWithExprGrammar(src: string): jsep.Expression {
  const saved = Object.fromEntries(GRAMMAR_KEYS.map((key) => [key, JsepClass[key]]));
  Object.assign(JsepClass, EXPR_GRAMMAR);
  try {
    return JsepClass.parse(src);
  } finally {
    Object.assign(JsepClass, saved);
  }
}

class UnsupportedSyntax extends Error {}

function convert(node: jsep.Expression): ExprNode {
  switch (node.type) {
    case "Literal": {
      const value = node.value;
      if (typeof value === "object" && value !== null) throw new UnsupportedSyntax("regular expressions");
      return { type: "literal", value: value as number | string | boolean | null };
    }
    case "Identifier":
      return { type: "identifier", name: String(node.name) };
    case "MemberExpression": {
      const n = node as jsep.MemberExpression;
      const property: ExprNode = n.computed
        ? convert(n.property)
        : { type: "literal", value: String((n.property as jsep.Identifier).name) };
      return { type: "member", object: convert(n.object), property, optional: n.optional === true };
    }
    case "CallExpression": {
      const n = node as jsep.CallExpression;
      if (n.callee.type !== "Identifier") throw new UnsupportedSyntax("method calls");
      return { type: "call", callee: String(n.callee.name), args: n.arguments.map(convert) };
    }
    case "UnaryExpression": {
      const n = node as jsep.UnaryExpression;
      const op = n.operator === "not" ? "!" : n.operator;
      if (op !== "!" && op !== "-" && op !== "+") throw new UnsupportedSyntax(`operator ${op}`);
      return { type: "unary", op, argument: convert(n.argument) };
    }
    case "BinaryExpression": {
      const n = node as jsep.BinaryExpression;
      const op = OP_ALIASES[n.operator] ?? (n.operator as BinaryOp);
      return { type: "binary", op, left: convert(n.left), right: convert(n.right) };
    }
    case "ArrayExpression": {
      const elements = (node as jsep.ArrayExpression).elements;
      if (elements.some((e) => e === null)) throw new UnsupportedSyntax("array holes");
      return { type: "array", elements: (elements as jsep.Expression[]).map(convert) };
    }
    case "ConditionalExpression": {
      const n = node as jsep.ConditionalExpression;
      return {
        type: "conditional",
        test: convert(n.test),
        consequent: convert(n.consequent),
        alternate: convert(n.alternate),
      };
    }
    case "Closure":
      return { type: "closure", body: convert(node.body as jsep.Expression) };
    default:
      // Compound / SequenceExpression: jsep accepts `a b` or `a, b`; expr does not.
      throw new UnsupportedSyntax("more than one expression");
  }
}

/** Parses an expr-lang condition. Never throws: errors come back as a value. */
export function parseCondition(src: string): ConditionParseResult {
  if (src.trim() === "") return { ok: false, error: { kind: "parse", message: "empty condition" } };
  try {
    return { ok: true, ast: convert(parseWithExprGrammar(src)) };
  } catch (e) {
    if (e instanceof UnsupportedSyntax) {
      return { ok: false, error: { kind: "parse", message: `unsupported syntax: ${e.message}` } };
    }
    const index = (e as { index?: unknown }).index;
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: typeof index === "number" ? { kind: "parse", message, index } : { kind: "parse", message },
    };
  }
}

/**
 * Evaluates a condition against `result` with the semantics Argo Rollouts gives it
 * (utils/evaluate/evaluate.go): expr operators plus asInt, asFloat, isNaN, isInf, isNil and default.
 * Anything Argo would report as an error — `result[0]` on an empty vector ("index out of range"),
 * `result < 0.5` on nil, a non-boolean outcome — is `{ ok: false }`, which a controller should record
 * as a measurement in phase Error. Never throws.
 */
export function evaluateCondition(src: string, result: unknown): EvaluationResult {
  const parsed = parseCondition(src);
  if (!parsed.ok) return parsed;
  return evaluateNode(parsed.ast, result);
}
