import { describe, expect, it } from "vitest";
import { timeTicks } from "./scale-ticks";

// Local midnight, so the expectations hold in every time zone.
const day = new Date(2022, 11, 8).getTime();
const at = (h: number, m: number, s = 0) => day + ((h * 60 + m) * 60 + s) * 1000;

describe("timeTicks", () => {
  it.each<[string, number, number, number[]]>([
    [
      "ten minutes: every 2 minutes",
      at(10, 13, 42),
      at(10, 23, 48),
      [at(10, 14), at(10, 16), at(10, 18), at(10, 20), at(10, 22)],
    ],
    [
      "an hour: every 10 minutes",
      at(9, 23, 48),
      at(10, 23, 48),
      [at(9, 30), at(9, 40), at(9, 50), at(10, 0), at(10, 10), at(10, 20)],
    ],
    [
      "three minutes of a run: every 30 seconds",
      at(4, 8, 37),
      at(4, 11, 7),
      [at(4, 9), at(4, 9, 30), at(4, 10), at(4, 10, 30), at(4, 11)],
    ],
    ["a day: every 6 hours (local)", at(0, 30), at(23, 30), [at(6, 0), at(12, 0), at(18, 0)]],
    ["an empty span", at(4, 0), at(4, 0), [at(4, 0)]],
  ])("%s", (_name, start, end, expected) => {
    expect(timeTicks(start, end)).toEqual(expected);
  });
});
