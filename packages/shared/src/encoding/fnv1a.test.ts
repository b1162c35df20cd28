import { describe, expect, it } from "vitest";
import { fnv1a32, fnv1a32OfCodeUnits } from "./fnv1a";

describe("FNV-1a 32", () => {
  // Go's hash/fnv golden32a vectors, then non-ASCII text hashed by Go's fnv.New32a over []byte(text).
  it.each([
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
    ["ab", 0x4d2505ca],
    ["abc", 0x1a47e90b],
    ["héllo", 1252296000],
    ["日本", 2670128721],
    ["🚀", 2141686490],
  ])("of the UTF-8 bytes of %j is Go's %d", (text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  it("over UTF-16 code units agrees with the UTF-8 form for ASCII and only for ASCII", () => {
    for (const ascii of ["", "a", "rate:podinfo", "test/Rollout/myapp"]) {
      expect(fnv1a32OfCodeUnits(ascii)).toBe(fnv1a32(ascii));
    }
    expect(fnv1a32OfCodeUnits("héllo")).not.toBe(fnv1a32("héllo"));
  });
});
