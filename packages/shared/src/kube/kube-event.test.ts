import { describe, expect, it } from "vitest";
import { parseObject } from "../schemas/parse";
import { actionEvent, eventNameSuffix, kubeEvent } from "./kube-event";

describe("kubeEvent", () => {
  it("builds the core/v1 Event a controller's recorder writes", () => {
    const event = kubeEvent({
      involvedObject: {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        name: "myapp",
        namespace: "rollouts-demo",
        uid: "6f0c1e52-4b1a-4d8e-9a43-2f3b7c5d9e10",
        resourceVersion: "51234",
      },
      type: "Normal",
      reason: "RolloutPaused",
      message: "Rollout is paused (CanaryPauseStep)",
      at: "2026-03-02T10:15:00Z",
      nameSuffix: "18a9b6c7d4e5f601",
      source: { component: "rollouts-controller" },
      reportingComponent: "rollouts-controller",
      reportingInstance: "",
    });
    expect(event).toEqual({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "myapp.18a9b6c7d4e5f601", namespace: "rollouts-demo" },
      involvedObject: {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        name: "myapp",
        namespace: "rollouts-demo",
        uid: "6f0c1e52-4b1a-4d8e-9a43-2f3b7c5d9e10",
        resourceVersion: "51234",
      },
      reason: "RolloutPaused",
      message: "Rollout is paused (CanaryPauseStep)",
      type: "Normal",
      count: 1,
      firstTimestamp: "2026-03-02T10:15:00Z",
      lastTimestamp: "2026-03-02T10:15:00Z",
      source: { component: "rollouts-controller" },
      reportingComponent: "rollouts-controller",
      reportingInstance: "",
    });
    expect(parseObject("Event", event).ok).toBe(true);
  });

  it("leaves out the reporting fields a legacy recorder does not set", () => {
    const event = kubeEvent({
      involvedObject: { kind: "Canary", name: "podinfo", namespace: "test" },
      type: "Warning",
      reason: "Synced",
      message: "Halt podinfo.test advancement success rate 91.20% < 99%",
      at: "2026-03-02T10:15:00Z",
      nameSuffix: "1",
      source: { component: "flagger" },
    });
    expect(event).not.toHaveProperty("reportingComponent");
    expect(event).not.toHaveProperty("reportingInstance");
  });
});

describe("actionEvent", () => {
  const promoted = {
    kind: "Rollout",
    namespace: "shop",
    name: "checkout",
    uid: "uid-checkout",
    reason: "RollscopeAction",
    message: "alice@example.com: Promote: resume the paused step",
    type: "Normal" as const,
  };

  it("reports the action as Rollscope on the host that made it, with the kind's apiVersion", () => {
    const at = new Date("2026-03-02T10:15:00Z");
    const event = actionEvent(promoted, at, "19ca6d2f0a8c1e2f3a", "rollscope-7d9f");
    expect(event).toMatchObject({
      metadata: { name: "checkout.19ca6d2f0a8c1e2f3a", namespace: "shop" },
      involvedObject: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", uid: "uid-checkout" },
      firstTimestamp: at,
      lastTimestamp: at,
      source: { component: "rollscope", host: "rollscope-7d9f" },
      reportingComponent: "rollscope",
      reportingInstance: "rollscope-7d9f",
    });
  });

  it("names no apiVersion for a kind it does not know, and no uid when there is none", () => {
    const { uid: _uid, ...withoutUid } = promoted;
    const event = actionEvent({ ...withoutUid, kind: "Service" }, "2026-03-02T10:15:00Z", "1", "h");
    expect(event.involvedObject).toEqual({ kind: "Service", name: "checkout", namespace: "shop" });
  });

  it("makes each occurrence's name unique and starts it with the time in hexadecimal", () => {
    const at = new Date("2026-03-02T10:15:00Z");
    const suffixes = new Set(Array.from({ length: 50 }, () => eventNameSuffix(at)));
    expect(suffixes.size).toBeGreaterThan(45);
    for (const suffix of suffixes)
      expect(suffix).toMatch(new RegExp(`^${at.getTime().toString(16)}[0-9a-f]{6}$`));
  });
});
