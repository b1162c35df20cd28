import { canonicalJson } from "@rollscope/shared/encoding/canonical-json";
import { describe, expect, it } from "vitest";
import { NameSuffixes, podTemplateHash, stepHash } from "./hashing";
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

  it("keeps the demo's hashes from one version to the next, so recorded ReplicaSet names still match", () => {
    expect(podTemplateHash(podTemplate("myapp", "argoproj/rollouts-demo:blue"))).toBe("867c9dd565");
    expect(podTemplateHash(podTemplate("myapp", "argoproj/rollouts-demo:blue"), 1)).toBe("778784fc7");
    expect(stepHash([{ setWeight: 20 }, { pause: {} }])).toBe("54649b9f5c");
  });

  it("changes the step hash with the steps and names pods with 5-character suffixes", () => {
    expect(stepHash([{ setWeight: 20 }])).not.toBe(stepHash([{ setWeight: 40 }]));
    const names = new NameSuffixes(7);
    const suffixes = [names.next(), names.next()];
    expect(suffixes[0]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(suffixes[0]).not.toBe(suffixes[1]);
  });
});
