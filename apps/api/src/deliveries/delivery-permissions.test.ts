import { canaryDelivery } from "@rollscope/shared";
import {
  type AccessCheck,
  ClusterRequestError,
  type ClusterSource,
} from "@rollscope/shared/cluster/cluster-source";
import { type Actor, tokenActorNamed } from "@rollscope/shared/identity/actor";
import { deployment, flaggerCanary } from "@rollscope/shared/testing/builders";
import { describe, expect, it } from "vitest";
import { localActor } from "../server/request-guard";
import { withPermissions } from "./delivery-permissions";

const delivery = () =>
  canaryDelivery({
    cluster: "test",
    canary: flaggerCanary({ status: { phase: "Progressing" } }),
    deployments: [deployment("podinfo", "test", "ghcr.io/stefanprodan/podinfo:6.0.1", 2)],
  });
const source = (canI: ClusterSource["canI"], more: Partial<ClusterSource> = {}) =>
  ({
    kind: "kube",
    name: "prod",
    canI,
    whoAmI: async () => ({ name: "kim@example.com", groups: [] }),
    ...more,
  }) as ClusterSource;
const script = tokenActorNamed("ci");
const oidc = (name: string, groups: string[]): Actor => ({ name, groups, via: "oidc", impersonate: true });
const enabled = (actions: { action: string; enabled: boolean }[]) =>
  actions.filter((a) => a.enabled).map((a) => a.action);

describe("withPermissions", () => {
  it("keeps enabled actions the identity may perform", async () => {
    const d = delivery();
    const actions = await withPermissions(
      source(async () => true),
      d,
      undefined,
      false,
      script,
      "rbac",
    );
    expect(enabled(actions)).toEqual(enabled(d.actions));
  });

  it("disables an action the identity may not perform, naming verb and resource", async () => {
    const actions = await withPermissions(
      source(async () => false),
      delivery(),
      undefined,
      false,
      script,
      "rbac",
    );
    expect(actions.find((a) => a.action === "abort")).toMatchObject({
      enabled: false,
      reason:
        "Not allowed: Rollscope's identity may not patch canaries.flagger.app/status in namespace test.",
    });
  });

  it("asks as each signed-in person: bob may only view, alice may act", async () => {
    const asked: Array<Actor | undefined> = [];
    const rbac = source(async (_check: AccessCheck, actor?: Actor) => {
      asked.push(actor);
      return actor?.groups.includes("rollout-operators") ?? false;
    });
    const bob = await withPermissions(
      rbac,
      delivery(),
      undefined,
      false,
      oidc("bob@example.com", ["viewers"]),
      "rbac",
    );
    expect(bob.find((a) => a.action === "abort")).toMatchObject({
      enabled: false,
      reason: "Not allowed: bob@example.com may not patch canaries.flagger.app/status in namespace test.",
    });
    const alice = await withPermissions(
      rbac,
      delivery(),
      undefined,
      false,
      oidc("alice@example.com", ["rollout-operators"]),
      "rbac",
    );
    expect(enabled(alice)).toEqual(enabled(delivery().actions));
    expect(asked.every((a) => a?.impersonate)).toBe(true);
  });

  it("names the kubeconfig's own user in local mode", async () => {
    const actions = await withPermissions(
      source(async () => false),
      delivery(),
      undefined,
      false,
      localActor,
      "rbac",
    );
    expect(actions.find((a) => a.action === "abort")?.reason).toBe(
      "Not allowed: kim@example.com via context prod may not patch canaries.flagger.app/status in namespace test.",
    );
  });

  it("in action-verbs mode asks for the action's own verb, then Rollscope's identity acts", async () => {
    const reviews: string[] = [];
    const verbs = source(async (_check, actor) => actor === undefined, {
      reviewAccess: async (actor, check) => {
        reviews.push(`${actor.name} ${check.verb} ${check.resource}`);
        return check.verb === "promote";
      },
    });
    const actions = await withPermissions(
      verbs,
      delivery(),
      undefined,
      false,
      oidc("pat@example.com", ["promoters"]),
      "verbs",
    );
    expect(reviews).toContain("pat@example.com promote canaries");
    expect(actions.find((a) => a.action === "abort")).toMatchObject({
      enabled: false,
      reason: "Not allowed: pat@example.com may not abort canaries.flagger.app in namespace test.",
    });
    expect(actions.find((a) => a.action === "promote")?.enabled).toBe(
      delivery().actions.find((a) => a.action === "promote")?.enabled,
    );
  });

  it("still answers when the API server is unreachable: actions off, with the reason", async () => {
    const down = source(async () => {
      throw new ClusterRequestError("cannot reach the API server: connect ECONNREFUSED", "Unavailable");
    });
    const actions = await withPermissions(down, delivery(), undefined, false, script, "rbac");
    expect(actions.every((a) => !a.enabled)).toBe(true);
    expect(actions.find((a) => a.action === "abort")?.reason).toBe(
      "Cannot check permissions now: cannot reach the API server: connect ECONNREFUSED",
    );
  });
});
