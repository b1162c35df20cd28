import { describe, expect, it } from "vitest";
import { isQuantity, undecodableQuantities } from "./quantity";

describe("Kubernetes quantities, as Go's resource.ParseQuantity reads them", () => {
  it.each(["1", "1m", "16Mi", "0.5", ".5", "5.", "+1", "-1", "1e3", "1E-3", "2Gi", "100k", "1.5Ki", "3E"])(
    "accepts %s",
    (q) => expect(isQuantity(q)).toBe(true),
  );

  it.each(["invalid", "", ".", "1 Gi", "1mi", "1KB", "Mi", "1.2.3", "1e", "0x10"])("refuses %j", (q) =>
    expect(isQuantity(q)).toBe(false),
  );

  it("accepts JSON numbers, as Quantity.UnmarshalJSON does", () => {
    expect(isQuantity(2)).toBe(true);
    expect(isQuantity(0.25)).toBe(true);
    expect(isQuantity(null)).toBe(false);
  });

  it("names each quantity of a pod template that cannot be decoded, by its path", () => {
    // Argo Rollouts' own test/e2e/expectedfailures/malformed-rollout.yaml puts `memory: invalid` here.
    const template = {
      spec: {
        containers: [
          { name: "app", resources: { requests: { memory: "invalid", cpu: "1m" } } },
          { name: "ok", resources: { limits: { memory: "16Mi" } } },
        ],
        ephemeralContainers: [{ name: "debug", resources: { limits: { cpu: "lots" } } }],
      },
    };
    expect(undecodableQuantities(template, "spec.template")).toEqual([
      {
        path: "spec.template.spec.containers[0].resources.requests.memory",
        message: expect.stringMatching(/^is "invalid", not a Kubernetes quantity/),
      },
      {
        path: "spec.template.spec.ephemeralContainers[0].resources.limits.cpu",
        message: expect.stringMatching(/^is "lots", not a Kubernetes quantity/),
      },
    ]);
    expect(undecodableQuantities({ spec: { containers: [{ name: "a" }] } }, "spec.template")).toEqual([]);
    expect(undecodableQuantities(undefined, "spec.template")).toEqual([]);
  });
});
