import { describe, expect, it } from "vitest";
import { compareGoStrings, compareGoTimes, goTimeNanos, sameGoInstant } from "./go-order";

describe("goTimeNanos reads RFC 3339 as Go's time.Parse(time.RFC3339, …) does", () => {
  // Unix seconds and nanoseconds printed by Go 1.26 for the same texts.
  const cases: Array<[string, bigint | undefined]> = [
    ["2024-05-01T12:00:00Z", 1714564800n * 10n ** 9n],
    ["2024-05-01T14:00:00+02:00", 1714564800n * 10n ** 9n],
    ["2024-05-01T1:00:00Z", 1714525200n * 10n ** 9n],
    ["2024-02-29T00:00:00Z", 1709164800n * 10n ** 9n],
    ["2024-05-01T12:00:00.1234567891Z", 1714564800n * 10n ** 9n + 123456789n],
    ["2024-05-01T12:00:00,5Z", 1714564800n * 10n ** 9n + 500000000n],
    ["2024-05-01T12:00:00+24:00", 1714478400n * 10n ** 9n],
    ["2024-05-01T12:00:00+23:60", 1714478400n * 10n ** 9n],
    ["0000-01-01T00:00:00Z", -62167219200n * 10n ** 9n],
    ["2024-05-01t12:00:00Z", undefined],
    ["2024-05-01T12:00:00z", undefined],
    ["2024-02-30T00:00:00Z", undefined],
    ["2023-02-29T00:00:00Z", undefined],
    ["2024-05-01T24:00:00Z", undefined],
    ["2024-05-01T12:00:60Z", undefined],
    ["2024-05-01T12:00:00+25:00", undefined],
    ["2024-05-01T12:00:00+0200", undefined],
    ["2024-05-01T12:00:00.Z", undefined],
    ["2024-05-01 12:00:00Z", undefined],
  ];
  it.each(cases)("%s", (text, nanos) => {
    expect(goTimeNanos(text)).toBe(nanos);
  });

  it("compares instants, not texts", () => {
    expect(sameGoInstant("2024-05-01T12:00:00Z", "2024-05-01T14:00:00+02:00")).toBe(true);
    expect(sameGoInstant("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000000001Z")).toBe(false);
    expect(compareGoTimes("2024-05-01T12:00:00+02:00", "2024-05-01T11:00:00Z")).toBeLessThan(0);
    expect(compareGoTimes(undefined, "0001-01-01T00:00:01Z")).toBeLessThan(0);
  });
});

describe("compareGoStrings orders as Go's < on strings (UTF-8 bytes)", () => {
  it("puts a character above U+FFFF after one in U+E000–U+FFFF, unlike UTF-16 order", () => {
    const astral = "\u{1F600}";
    const privateUse = "\uE000";
    expect(astral < privateUse).toBe(true); // UTF-16 code units
    expect(compareGoStrings(astral, privateUse)).toBeGreaterThan(0);
    expect(["web-b", "web.a", "Web", "web-a", "web"].sort(compareGoStrings)).toEqual([
      "Web",
      "web",
      "web-a",
      "web-b",
      "web.a",
    ]);
  });
});
