// Who the kubeconfig's credentials are (SelfSubjectReview, with the kubeconfig's user entry when the
// API server cannot say), and whether a person may do something (SubjectAccessReview, any verb).

import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import type { Actor } from "@rollscope/shared/identity/actor";
import { beforeEach, describe, expect, it } from "vitest";
import type { KubeClusterSource } from "./kube-cluster-source";
import type { Subject } from "./testing/fake-api-server";
import { useFakeCluster } from "./testing/fake-cluster-harness";

const cluster = useFakeCluster();
let source: KubeClusterSource;

beforeEach(async () => {
  source = await cluster.source({ start: false });
});

const selfReviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
const subjectReviewPath = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

describe("KubeClusterSource.whoAmI", () => {
  it("reads the user and groups from SelfSubjectReview, asking once", async () => {
    cluster.server.selfSubject = { username: "alice@example.com", groups: ["devs", "system:authenticated"] };
    const expected = { name: "alice@example.com", groups: ["devs", "system:authenticated"] };
    expect(await source.whoAmI()).toEqual(expected);
    expect(await source.whoAmI()).toEqual(expected);
    const sent = cluster.server.requestsTo("POST", selfReviewPath);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? "")).toMatchObject({
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
    });
  });

  it("names the kubeconfig's user entry when the API server does not serve SelfSubjectReview", async () => {
    cluster.server.selfSubject = undefined;
    expect(await source.whoAmI()).toEqual({ name: "fake-user", groups: [] });
    const logged = cluster.logger.entries.find((e) => e.msg.startsWith("naming the kubeconfig's user entry"));
    expect(logged?.obj).toMatchObject({ context: "fake", user: "fake-user" });
    expect(String((logged?.obj as { reason?: unknown } | undefined)?.reason)).toMatch(
      /^SelfSubjectReview answered 404/,
    );
  });

  it("rejects when the API server fails, and asks again next time", async () => {
    cluster.server.replyOnce("POST", selfReviewPath, { status: 500, body: "etcd is away" });
    const err = await source.whoAmI().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ClusterRequestError);
    expect((err as ClusterRequestError).code).toBe("Unavailable");
    expect((await source.whoAmI()).name).toBe("kubernetes-admin");
    expect(cluster.server.requestsTo("POST", selfReviewPath)).toHaveLength(2);
  });
});

describe("KubeClusterSource.reviewAccess", () => {
  const alice: Actor = { name: "alice", groups: ["rollout-operators"], via: "oidc", impersonate: false };
  const bob: Actor = { name: "bob", groups: ["viewers"], via: "oidc", impersonate: false };
  const promote = { verb: "promote", group: "argoproj.io", resource: "rollouts", namespace: "shop" };

  it("sends a SubjectAccessReview for the person with the custom verb, with Rollscope's credentials", async () => {
    const asked: Array<{ attributes: Record<string, unknown>; subject: Subject }> = [];
    cluster.server.allowAccess = (attributes, subject) => {
      asked.push({ attributes, subject });
      return subject.user === "alice" && attributes.verb === "promote";
    };
    expect(await source.reviewAccess({ ...alice, impersonate: true }, promote)).toBe(true);
    const [sent] = cluster.server.requestsTo("POST", subjectReviewPath);
    expect(JSON.parse(sent?.body ?? "")).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      spec: {
        user: "alice",
        groups: ["rollout-operators", "system:authenticated"],
        resourceAttributes: {
          verb: "promote",
          group: "argoproj.io",
          resource: "rollouts",
          namespace: "shop",
        },
      },
    });
    // Rollscope asks about the person; it does not ask as them.
    expect(sent?.headers["impersonate-user"]).toBeUndefined();
    expect(asked).toHaveLength(1);
  });

  it("caches each person's answer apart, and each question apart", async () => {
    const asked: string[] = [];
    cluster.server.allowAccess = (attributes, subject) => {
      asked.push(`${subject.user} ${String(attributes.verb)}`);
      return subject.user === "alice" && attributes.verb === "promote";
    };
    expect(await source.reviewAccess(alice, promote)).toBe(true);
    expect(await source.reviewAccess(bob, promote)).toBe(false);
    expect(await source.reviewAccess(alice, { ...promote, verb: "setimage" })).toBe(false);
    expect(await source.reviewAccess(alice, promote)).toBe(true);
    expect(await source.reviewAccess(bob, promote)).toBe(false);
    expect(asked).toEqual(["alice promote", "bob promote", "alice setimage"]);
  });

  it("names the permission Rollscope lacks when it may not create SubjectAccessReviews", async () => {
    cluster.server.replyOnce("POST", subjectReviewPath, {
      status: 403,
      body: { kind: "Status", code: 403, reason: "Forbidden", message: "subjectaccessreviews is forbidden" },
    });
    const err = await source.reviewAccess(alice, promote).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ClusterRequestError);
    expect((err as ClusterRequestError).message).toBe(
      "forbidden: cannot create subjectaccessreviews.authorization.k8s.io cluster-wide",
    );
  });
});
