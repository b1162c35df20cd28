import { describe, expect, it } from "vitest";
import { checksumInput, webhookChecksum } from "./webhook-checksum";

describe("Flagger webhook checksum", () => {
  // Vectors computed with Flagger's own ComputeHash (go-spew v1.1.1, fnv32a, rand.SafeEncodeString).
  it.each([
    [{}, "758df7c9fc"],
    [{ lastAppliedSpec: "5d4b9c7f8" }, "767d4db4f9"],
    [
      {
        lastAppliedSpec: "5d4b9c7f8",
        trackedConfigs: {
          "secret/podinfo-secret-env": "7b5c8d9f",
          "configmap/podinfo-config-env": "6c8f9d4b5",
        },
      },
      "bd585d5d7",
    ],
    [{ lastAppliedSpec: "5d4b9c7f8", trackedConfigs: {} }, "797cdb6948"],
    [
      {
        lastAppliedSpec: "859b7d6bd4",
        trackedConfigs: {
          "configmap/podinfo-config-vol": "5b6b9f9c8b",
          "configmap/Z": "x",
          "configmap/a": "y",
        },
      },
      "5cc9cbc6b",
    ],
    [{ lastAppliedSpec: "v2:2941eab5be2776bc" }, "545495c6f6"],
  ])("%j → %s", (status, checksum) => {
    expect(webhookChecksum(status)).toBe(checksum);
  });

  it("renders the struct as go-spew does", () => {
    expect(checksumInput(undefined, "5d4b9c7f8")).toBe(
      "(struct { TrackedConfigs *map[string]string; LastAppliedSpec string }){TrackedConfigs:(*map[string]string)<nil> LastAppliedSpec:(string)5d4b9c7f8}",
    );
  });
});
