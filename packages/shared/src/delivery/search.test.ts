import { describe, expect, it } from "vitest";
import { rolloutDelivery } from "../argo/rollout-delivery";
import { canaryRollout } from "../testing/builders";
import { matchesSearch, parseSearch } from "./search";

const d = rolloutDelivery({
  cluster: "prod",
  rollout: canaryRollout({ metadata: { labels: { team: "Payments" } } }),
});
const matches = (q: string) => matchesSearch(d, parseSearch(q));

describe("search", () => {
  it("parses words, quotes, fields and negation", () => {
    expect(parseSearch('my "exact name" ns:shop !bad')).toEqual([
      { negate: false, kind: "text", value: "my" },
      { negate: false, kind: "exact", value: "exact name" },
      { negate: false, kind: "field", key: "ns", value: "shop" },
      { negate: true, kind: "text", value: "bad" },
    ]);
  });

  it.each([
    ["myapp", true],
    ["MYAPP", true],
    ["rollouts-demo", true],
    ['"myapp"', true],
    ['"mya"', false],
    ["ns:rollouts-demo", true],
    ["ns:shop", false],
    ["cluster:prod", true],
    ["controller:argo", true],
    ["phase:paused", true],
    ["team:payments", true],
    ["team:platform", false],
    ["!myapp", false],
    ["!checkout", true],
    ["myapp ns:shop", false],
    ["", true],
  ])("%j → %s", (query, expected) => {
    expect(matches(query)).toBe(expected);
  });
});
