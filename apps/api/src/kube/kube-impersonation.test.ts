// Acting as a person (oidc sign-in): every request made for them carries Impersonate-User and one
// Impersonate-Group header per group, so the cluster's RBAC decides; everyone else's requests carry
// none. Permission checks are made as the person and cached per person.
import type { PatchRequest } from "@rollscope/shared";
import type { Actor } from "@rollscope/shared/identity/actor";
import { describe, expect, it } from "vitest";
import {
  clusterRequestFailure,
  loadtesterGate,
  rolloutMergePatch,
  rolloutPath,
  rolloutStatusPatchCheck,
  statusAbort,
  useActionSource,
} from "./testing/action-source";
import type { RecordedRequest } from "./testing/fake-api-server";

const kube = useActionSource();
const { cluster } = kube;

const person = (name: string, groups: string[], impersonate = true): Actor => ({
  name,
  groups,
  via: impersonate ? "oidc" : "kubeconfig",
  impersonate,
});
const alice = person("alice", ["rollout-operators", "release-managers"]);
const bob = person("bob", ["viewers"]);

/** The impersonation headers of a request, exactly as they arrived. */
const impersonation = (request: RecordedRequest | undefined) => ({
  user: request?.headers["impersonate-user"],
  groups: request?.headers["impersonate-group"],
});
const asAlice = { user: ["alice"], groups: ["rollout-operators", "release-managers"] };
const asItself = { user: undefined, groups: undefined };

describe("KubeClusterSource.execute for an impersonated person", () => {
  it("sends the patch as alice: Impersonate-User and two separate Impersonate-Group headers", async () => {
    await kube.source.execute(rolloutMergePatch({ spec: { paused: false } }), alice);
    const [sent] = cluster.server.requestsTo("PATCH", rolloutPath);
    expect(impersonation(sent)).toEqual(asAlice);
    expect(cluster.server.state.get("Rollout", "shop", "web")?.spec).toMatchObject({ paused: false });
  });

  it("keeps impersonating through 409 retries and the status-to-object fallback", async () => {
    const conflict = { status: 409, body: { kind: "Status", code: 409, message: "modified" } };
    cluster.server.statusSubresource.delete("Rollout");
    cluster.server.replyOnce("PATCH", rolloutPath, conflict);
    const request: PatchRequest = { ...statusAbort, fallbackWithoutSubresource: { status: { abort: true } } };
    await kube.source.execute(request, alice);
    const sent = cluster.server.requestsTo("PATCH", rolloutPath);
    expect(sent.map((r) => r.path)).toEqual([`${rolloutPath}/status`, rolloutPath, rolloutPath]);
    expect(sent.map(impersonation)).toEqual([asAlice, asAlice, asAlice]);
  });

  it("opens a loadtester gate through the service proxy as alice", async () => {
    await kube.source.execute(loadtesterGate, alice);
    const [sent] = cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/");
    expect(impersonation(sent)).toEqual(asAlice);
    expect(JSON.parse(sent?.body ?? "")).toEqual({ name: "podinfo", namespace: "test" });
  });

  it("adds no impersonation for a person who is not impersonated, or for no person", async () => {
    await kube.source.execute(
      rolloutMergePatch({ spec: { paused: true } }),
      person("admin", ["system:masters"], false),
    );
    await kube.source.execute(loadtesterGate);
    const sent = [
      ...cluster.server.requestsTo("PATCH", rolloutPath),
      ...cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/"),
    ];
    expect(sent).toHaveLength(2);
    expect(sent.map(impersonation)).toEqual([asItself, asItself]);
  });

  it("sends an impersonated person without groups with no Impersonate-Group header", async () => {
    await kube.source.execute(loadtesterGate, person("carol", []));
    const [sent] = cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/");
    expect(impersonation(sent)).toEqual({ user: ["carol"], groups: undefined });
  });

  it("carries a non-ASCII name as UTF-8, and refuses a name with a line break before sending", async () => {
    await kube.source.execute(loadtesterGate, person("josé@example.com", ["équipe"]));
    const [sent] = cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/");
    const utf8 = (latin1: string | undefined) => Buffer.from(latin1 ?? "", "latin1").toString("utf8");
    expect(utf8(sent?.headers["impersonate-user"]?.[0])).toBe("josé@example.com");
    expect(utf8(sent?.headers["impersonate-group"]?.[0])).toBe("équipe");

    const err = await clusterRequestFailure(
      kube.source.execute(loadtesterGate, person("alice\r\nImpersonate-Group: system:masters", [])),
    );
    expect(err.code).toBe("Invalid");
    expect(cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/")).toHaveLength(1);
  });

  it("never acts as Kubernetes' reserved system: users or groups, and leaves system:authenticated to the server", async () => {
    const controllerManager = await clusterRequestFailure(
      kube.source.execute(loadtesterGate, person("system:kube-controller-manager", [])),
    );
    expect(controllerManager.code).toBe("Forbidden");
    const masters = await clusterRequestFailure(
      kube.source.execute(loadtesterGate, person("mallory", ["devs", "system:masters"])),
    );
    expect(masters.message).toMatch(/"system:masters": group names beginning with "system:" are reserved/);
    expect(cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/")).toHaveLength(0);

    await kube.source.execute(loadtesterGate, person("alice", ["rollout-operators", "system:authenticated"]));
    const [sent] = cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/");
    expect(impersonation(sent)).toEqual({ user: ["alice"], groups: ["rollout-operators"] });
  });

  it("says so when the cluster refuses Rollscope the right to impersonate", async () => {
    cluster.server.impersonationAllowed = false;
    const err = await clusterRequestFailure(kube.source.execute(rolloutMergePatch({ spec: {} }), alice));
    expect(err.code).toBe("Forbidden");
    expect(err.message).toMatch(/^forbidden: Rollscope may not act as this person/);
    expect(err.message).toMatch(/cannot impersonate resource "users"/);
  });
});

describe("KubeClusterSource.canI for an impersonated person", () => {
  const check = rolloutStatusPatchCheck;
  const reviews = () =>
    cluster.server.requestsTo("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");

  it("asks as each person, and keeps alice's and bob's answers apart", async () => {
    const askedFor: string[] = [];
    cluster.server.allowAccess = (_attributes, subject) => {
      askedFor.push(subject.user);
      return subject.groups.includes("rollout-operators");
    };
    expect(await kube.source.canI(check, alice)).toBe(true);
    expect(await kube.source.canI(check, bob)).toBe(false);
    expect(await kube.source.canI(check, alice)).toBe(true);
    expect(await kube.source.canI(check, bob)).toBe(false);
    expect(askedFor).toEqual(["alice", "bob"]);
    expect(reviews().map(impersonation)).toEqual([asAlice, { user: ["bob"], groups: ["viewers"] }]);
  });

  it("shares Rollscope's own answer among everyone who is not impersonated", async () => {
    const askedFor: string[] = [];
    cluster.server.allowAccess = (_attributes, subject) => {
      askedFor.push(subject.user);
      return true;
    };
    await kube.source.canI(check, alice);
    await kube.source.canI(check);
    await kube.source.canI(check, person("admin", [], false));
    expect(askedFor).toEqual(["alice", "rollscope"]);
    expect(impersonation(reviews()[1])).toEqual(asItself);
  });
});
