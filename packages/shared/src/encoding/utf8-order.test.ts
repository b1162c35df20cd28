import { describe, expect, it } from "vitest";
import { compareUtf8 } from "./utf8-order";

describe("compareUtf8", () => {
  it("sorts as Go's sort.Strings does (by UTF-8 bytes)", () => {
    // sort.Strings of the same slice in Go.
    const sorted = ["z", "é", "🚀", "\uff5e", "B", "a", "_", "10", "2", "ab", "a"].sort(compareUtf8);
    expect(sorted).toEqual(["10", "2", "B", "_", "a", "a", "ab", "z", "é", "\uff5e", "🚀"]);
  });

  it("agrees with the UTF-8 bytes on every pair of a mixed sample", () => {
    const sample = ["", "a", "A", "é", "\ud7ff", "\ue000", "\uffff", "😀", "𝄞", "a😀", "a\uffff"];
    const bytes = (s: string) => [...new TextEncoder().encode(s)];
    const byBytes = (x: string, y: string) => {
      const [a, b] = [bytes(x), bytes(y)];
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
      return a.length - b.length;
    };
    for (const x of sample)
      for (const y of sample) expect(Math.sign(compareUtf8(x, y))).toBe(Math.sign(byBytes(x, y)));
  });
});
