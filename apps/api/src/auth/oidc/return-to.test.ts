// After sign-in the browser goes only to a path on this site: anything that a browser would read as
// another host falls back to "/", so the sign-in cannot be used as an open redirect.
import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("safeReturnTo", () => {
  it.each([
    ["/rollouts/prod/checkout", "/rollouts/prod/checkout"],
    ["/rollouts?ns=prod&tab=analysis#history", "/rollouts?ns=prod&tab=analysis#history"],
    ["/", "/"],
  ])("keeps the same-site path %s", (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [""],
    ["//evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["rollouts"],
    ["/\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    [`/${"a".repeat(3000)}`],
  ])("sends %j to /", (value) => {
    expect(safeReturnTo(value)).toBe("/");
  });
});
