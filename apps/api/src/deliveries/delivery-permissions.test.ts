import { canaryDelivery } from "@rollscope/shared";
import { deployment, flaggerCanary } from "@rollscope/shared/testing/builders";
import { describe, expect, it } from "vitest";
import { ClusterRequestError, type ClusterSource } from "../cluster/cluster-source";
import { withPermissions } from "./delivery-permissions";

const delivery = () =>
  canaryDelivery({
    cluster: "test",
    canary: flaggerCanary({ status: { phase: "Progressing" } }),
    deployments: [deployment("podinfo", "test", "ghcr.io/stefanprodan/podinfo:6.0.1", 2)],
  });
const source = (canI: ClusterSource["canI"]) => ({ canI }) as ClusterSource;

describe("withPermissions", () => {
  it("keeps enabled actions the identity may perform", async () => {
    const d = delivery();
    const actions = await withPermissions(
      source(async () => true),
      d,
      undefined,
      false,
    );
    expect(actions.filter((a) => a.enabled).map((a) => a.action)).toEqual(
      d.actions.filter((a) => a.enabled).map((a) => a.action),
    );
  });

  it("disables an action the identity may not perform, naming verb and resource", async () => {
    const actions = await withPermissions(
      source(async () => false),
      delivery(),
      undefined,
      false,
    );
    expect(actions.find((a) => a.action === "abort")).toMatchObject({
      enabled: false,
      reason:
        "Not allowed: Rollscope's identity may not patch canaries.flagger.app/status in namespace test.",
    });
  });

  it("still answers when the API server is unreachable: actions off, with the reason", async () => {
    const down = source(async () => {
      throw new ClusterRequestError("cannot reach the API server: connect ECONNREFUSED", "Unavailable");
    });
    const actions = await withPermissions(down, delivery(), undefined, false);
    expect(actions.every((a) => !a.enabled)).toBe(true);
    expect(actions.find((a) => a.action === "abort")?.reason).toBe(
      "Cannot check permissions now: cannot reach the API server: connect ECONNREFUSED",
    );
  });
});
