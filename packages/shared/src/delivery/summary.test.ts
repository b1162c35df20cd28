import { describe, expect, it } from "vitest";
import { canaryDelivery } from "../flagger/canary-delivery";
import { deployment, flaggerCanary } from "../testing/builders";
import { toSummary } from "./summary";

describe("the overview's summary of a delivery", () => {
  const delivery = canaryDelivery({
    cluster: "prod",
    canary: flaggerCanary({ status: { phase: "Progressing", canaryWeight: 20 } }),
    deployments: [
      deployment("podinfo", "test", "ghcr.io/stefanprodan/podinfo:6.0.1"),
      deployment("podinfo-primary", "test", "ghcr.io/stefanprodan/podinfo:6.0.0"),
    ],
  });

  it("keeps only the action a row offers (Promote), with its availability and reason", () => {
    expect(delivery.actions.length).toBeGreaterThan(1);
    const summary = toSummary(delivery);
    const promote = delivery.actions.find((a) => a.action === "promote");
    expect(summary.actions).toEqual([promote]);
  });

  it("drops what only the delivery page shows and keeps the row's fields", () => {
    const summary = toSummary(delivery) as Record<string, unknown>;
    for (const field of ["timeline", "revisions", "conditions", "analysisRuns", "experiments"])
      expect(summary).not.toHaveProperty(field);
    expect(summary).toMatchObject({
      ref: delivery.ref,
      phase: delivery.phase,
      setWeight: delivery.setWeight,
    });
    expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(delivery).length / 2);
  });
});
