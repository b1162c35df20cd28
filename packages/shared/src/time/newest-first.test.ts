import { describe, expect, it } from "vitest";
import { newestFirst } from "./newest-first";

describe("newestFirst", () => {
  it("orders by instant across second, millisecond and microsecond precision", () => {
    const times = [
      "2026-11-22T15:51:08Z",
      "2026-11-22T15:51:08.500Z",
      "2026-11-22T15:51:07.999999Z",
      "not a time",
      "2026-11-22T15:51:09Z",
    ];
    expect([...times].sort(newestFirst)).toEqual([
      "2026-11-22T15:51:09Z",
      "2026-11-22T15:51:08.500Z",
      "2026-11-22T15:51:08Z",
      "2026-11-22T15:51:07.999999Z",
      "not a time",
    ]);
    // As strings, the second-precision time would wrongly come before the later millisecond one.
    expect(["2026-11-22T15:51:08.500Z", "2026-11-22T15:51:08Z"].sort((a, b) => b.localeCompare(a))[0]).toBe(
      "2026-11-22T15:51:08Z",
    );
  });

  it("keeps equal instants equal", () => {
    expect(newestFirst("2026-11-22T15:51:08Z", "2026-11-22T15:51:08.000Z")).toBe(0);
    expect(newestFirst(undefined, null)).toBe(0);
  });
});
