import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  // Keys on which Go's byte order, JavaScript's `<` (UTF-16 units), localeCompare and JavaScript's own
  // object order (integer-like keys first, numerically) all disagree.
  const keys = ["b", "B", "a", "10", "2", "é", "z", "\uff5e", "🚀", "_"];
  const value = Object.fromEntries(keys.map((key, i) => [key, i + 1]));

  it("orders keys as Go's encoding/json writes a map[string]int (UTF-8 bytes)", () => {
    // What json.Marshal writes for the same map[string]int in Go.
    expect(canonicalJson(value)).toBe('{"10":4,"2":5,"B":2,"_":10,"a":3,"b":1,"z":7,"é":6,"～":8,"🚀":9}');
  });

  it("is not the order localeCompare or `<` would give", () => {
    const written = Object.keys(JSON.parse(canonicalJson(value)) as object);
    // JSON.parse puts integer-like keys first again, so compare the non-numeric ones.
    const words = written.filter((k) => !/^\d+$/.test(k));
    expect(words).toEqual(["B", "_", "a", "b", "z", "é", "～", "🚀"]);
    expect([...words].sort((x, y) => x.localeCompare(y))).not.toEqual(words);
    expect([...words].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).not.toEqual(words);
  });

  it("leaves out null and undefined members at any depth, and keeps array order and nulls", () => {
    expect(
      canonicalJson({
        spec: { replicas: 3, paused: null, selector: undefined, template: { metadata: { labels: null } } },
        items: [2, null, 1, undefined, { b: null, a: [] }],
      }),
    ).toBe('{"items":[2,null,1,null,{"a":[]}],"spec":{"replicas":3,"template":{"metadata":{}}}}');
  });

  it("writes equal content equally whatever the key order, and different content differently", () => {
    const a = { metadata: { labels: { app: "myapp", version: "blue" } }, spec: { containers: [] } };
    const b = { spec: { containers: [] }, metadata: { labels: { version: "blue", app: "myapp" } } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).not.toBe(canonicalJson({ ...b, spec: { containers: [{}] } }));
  });

  it("writes scalars, dates and nothing as JSON does", () => {
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson("x")).toBe('"x"');
    expect(canonicalJson(Number.NaN)).toBe("null");
    expect(canonicalJson({ at: new Date("2026-01-02T03:04:05Z") })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });
});
