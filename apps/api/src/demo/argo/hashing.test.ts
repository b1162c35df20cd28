import { describe, expect, it } from "vitest";
import { canonicalJson, NameSuffixes, podTemplateHash, safeEncode, stepHash } from "./hashing";
import { podTemplate } from "./scenario-objects";

describe("hashes and names", () => {
  it("pod-template-hash is stable, content-based and in Kubernetes' safe alphabet", () => {
    const a = podTemplateHash(podTemplate("myapp", "argoproj/rollouts-demo:blue"));
    const reordered = podTemplateHash(
      JSON.parse(canonicalJson(podTemplate("myapp", "argoproj/rollouts-demo:blue"))),
    );
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
    expect(reordered).toBe(a);
    expect(podTemplateHash(podTemplate("myapp", "argoproj/rollouts-demo:green"))).not.toBe(a);
    expect(podTemplateHash(podTemplate("myapp", "argoproj/rollouts-demo:blue"), 1)).not.toBe(a);
  });

  it("maps decimal digits like rand.SafeEncodeString and names pods with 5-character suffixes", () => {
    expect(safeEncode("0123456789")).toBe("456789bcdf");
    expect(stepHash([{ setWeight: 20 }])).not.toBe(stepHash([{ setWeight: 40 }]));
    const names = new NameSuffixes(7);
    const suffixes = [names.next(), names.next()];
    expect(suffixes[0]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(suffixes[0]).not.toBe(suffixes[1]);
  });
});
