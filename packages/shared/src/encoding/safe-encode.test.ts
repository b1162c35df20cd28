import { describe, expect, it } from "vitest";
import { fnv1a32 } from "./fnv1a";
import { safeEncodeString } from "./safe-encode";

describe("rand.SafeEncodeString", () => {
  it("maps each decimal digit onto the alphabet without vowels", () => {
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
  });

  it("names a hash as Kubernetes does (Go: SafeEncodeString(fmt.Sprint(fnv32a)))", () => {
    expect(safeEncodeString(String(fnv1a32("")))).toBe("65bb57b6b5");
    expect(safeEncodeString(String(fnv1a32("abc")))).toBe("884f64775");
  });
});
