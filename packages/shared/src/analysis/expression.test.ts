import jsep from "jsep";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateCondition, parseCondition } from "./expression";
import { requiredConditions } from "./required-conditions.fixture";
import { upstreamConditions } from "./upstream-conditions.fixture";

const ast = (src: string) => {
  const parsed = parseCondition(src);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.ast;
};
const result = { type: "identifier", name: "result" };
const num = (value: number) => ({ type: "literal", value });

describe("parseCondition", () => {
  it("normalises expr keywords to operators", () => {
    expect(ast("result > 1 and not (result > 2) or false")).toEqual({
      type: "binary",
      op: "||",
      left: {
        type: "binary",
        op: "&&",
        left: { type: "binary", op: ">", left: result, right: num(1) },
        right: { type: "unary", op: "!", argument: { type: "binary", op: ">", left: result, right: num(2) } },
      },
      right: { type: "literal", value: false },
    });
  });

  it("reads member access, indexes, nil and `in` lists", () => {
    expect(ast('result.p99 == result["p99"]')).toEqual({
      type: "binary",
      op: "==",
      left: { type: "member", object: result, property: { type: "literal", value: "p99" }, optional: false },
      right: { type: "member", object: result, property: { type: "literal", value: "p99" }, optional: false },
    });
    expect(ast("result[0] != nil")).toMatchObject({ right: { type: "literal", value: null } });
    expect(ast("result in [200, 201]")).toMatchObject({
      op: "in",
      right: { type: "array", elements: [num(200), num(201)] },
    });
    expect(ast("result not in [1]")).toMatchObject({ op: "not in" });
    expect(ast("result?.p99 ?? 0")).toMatchObject({ op: "??", left: { type: "member", optional: true } });
  });

  it("reads predicates with # and the .field shorthand", () => {
    expect(ast("all(result, {# > 0.9})")).toEqual({
      type: "call",
      callee: "all",
      args: [
        result,
        {
          type: "closure",
          body: { type: "binary", op: ">", left: { type: "identifier", name: "#" }, right: num(0.9) },
        },
      ],
    });
    expect(ast("any(result, {.value > 1})")).toMatchObject({
      args: [
        result,
        { type: "closure", body: { left: { type: "member", object: { type: "identifier", name: "#" } } } },
      ],
    });
    expect(ast("map(result, #index)")).toMatchObject({
      args: [result, { type: "identifier", name: "#index" }],
    });
  });

  it("uses expr precedence: ?? binds tighter than comparison, ** is right-associative", () => {
    expect(ast("result ?? 0 >= 0.95")).toMatchObject({ op: ">=", left: { op: "??" } });
    expect(ast("2 ** 3 ^ 2")).toMatchObject({ op: "**", left: num(2), right: { op: "**" } });
    expect(ast("a ? b : c")).toMatchObject({ type: "conditional" });
  });

  it.each([
    ["", "empty condition"],
    ["result >=", "Expected expression after >= at character 9"],
    ["result.Name() == 'hi'", "unsupported syntax: method calls"],
    ["result result", "unsupported syntax: more than one expression"],
    ["{a: 1}", "Expected } to close the predicate at character 2"],
    ["1..3", "Unexpected period at character 2"],
    ["result === 1", "Expected expression after == at character 9"],
  ])("returns a parse error for %j", (src, message) => {
    const parsed = parseCondition(src);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ kind: "parse", message });
  });
});

describe("jsep isolation", () => {
  afterEach(() => {
    jsep.removeBinaryOp("~>");
  });

  it("leaves jsep's default grammar untouched for other users", () => {
    parseCondition("result > 1 and all(result, {# in [1]}) ? true : false");
    expect(jsep("a ? b : c").type).toBe("ConditionalExpression");
    expect(jsep("a === b")).toMatchObject({ type: "BinaryExpression", operator: "===" });
    expect(jsep("a ^ b")).toMatchObject({ type: "BinaryExpression", operator: "^" });
    expect(jsep("a and b").type).toBe("Compound");
    expect(jsep("nil")).toEqual({ type: "Identifier", name: "nil" });
    expect(() => jsep("#")).toThrow();
  });

  it("is not affected by grammar others add to jsep", () => {
    jsep.addBinaryOp("~>", 1);
    expect(jsep("a ~> b")).toMatchObject({ operator: "~>" });
    expect(parseCondition("result ~> 1").ok).toBe(false);
    expect(jsep("a ~> b")).toMatchObject({ operator: "~>" });
  });
});

describe("evaluateCondition on upstream conditions", () => {
  const cases = [...upstreamConditions, ...requiredConditions].flatMap((c) =>
    c.evaluations.map(([value, expected]) => [c.condition, value, expected] as const),
  );

  it.each(cases)("%s with result %o is %s", (condition, value, expected) => {
    const outcome = evaluateCondition(condition, value);
    if (expected === "error") expect(outcome).toMatchObject({ ok: false });
    else expect(outcome).toEqual({ ok: true, value: expected });
  });

  it("reports the error Argo reports for an empty vector", () => {
    expect(evaluateCondition("result[0] >= 0.95", [])).toEqual({
      ok: false,
      error: { kind: "eval", message: "index out of range: 0 (array length is 0)" },
    });
  });

  it("reports parse errors through evaluateCondition too", () => {
    expect(evaluateCondition("result >", 1)).toMatchObject({ ok: false, error: { kind: "parse" } });
  });
});
