// What the kube source sends to the API server besides patches: loadtester gates through the service
// proxy, SelfSubjectAccessReviews (cached) and Events on the objects acted on.
import { describe, expect, it } from "vitest";
import {
  clusterRequestFailure,
  loadtesterGate,
  rolloutStatusPatchCheck,
  useActionSource,
} from "./testing/action-source";

const kube = useActionSource();
const { cluster } = kube;

describe("KubeClusterSource.execute: service proxy", () => {
  it("POSTs the JSON body through the service proxy (202, no body, like the loadtester)", async () => {
    await kube.source.execute(loadtesterGate);
    const [sent] = cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/");
    expect(sent?.path).toBe("/api/v1/namespaces/test/services/flagger-loadtester%3A80/proxy/gate/open");
    expect(decodeURIComponent(sent?.path ?? "")).toBe(
      "/api/v1/namespaces/test/services/flagger-loadtester:80/proxy/gate/open",
    );
    expect(sent?.contentType).toBe("application/json");
    expect(JSON.parse(sent?.body ?? "")).toEqual({ name: "podinfo", namespace: "test" });
  });

  it("leaves the port out when there is none", async () => {
    await kube.source.execute({ ...loadtesterGate, port: undefined, path: "/rollback/open" });
    const [sent] = cluster.server.requestsTo("POST", "/api/v1/namespaces/test/services/");
    expect(sent?.path).toBe("/api/v1/namespaces/test/services/flagger-loadtester/proxy/rollback/open");
  });

  it("turns a non-2xx answer into a ClusterRequestError with the response text", async () => {
    cluster.server.proxyReply = {
      status: 400,
      body: "decoding the request body failed",
      contentType: "text/plain",
    };
    const err = await clusterRequestFailure(kube.source.execute(loadtesterGate));
    expect(err.code).toBe("Invalid");
    expect(err.message).toBe(
      "POST /gate/open to service test/flagger-loadtester:80 answered 400: decoding the request body failed",
    );
  });

  it("reports an RBAC denial of services/proxy", async () => {
    cluster.server.forbidden.add("create services/proxy");
    const err = await clusterRequestFailure(kube.source.execute(loadtesterGate));
    expect(err.code).toBe("Forbidden");
    expect(err.message).toMatch(/cannot create resource "services\/proxy"/);
  });
});

describe("KubeClusterSource access reviews and events", () => {
  it("asks SelfSubjectAccessReview and caches the answer", async () => {
    const asked: Record<string, unknown>[] = [];
    cluster.server.allowAccess = (attributes) => {
      asked.push(attributes);
      return attributes.subresource === "status";
    };
    const check = rolloutStatusPatchCheck;
    expect(await kube.source.canI(check)).toBe(true);
    expect(await kube.source.canI(check)).toBe(true);
    expect(await kube.source.canI({ ...check, subresource: undefined })).toBe(false);
    expect(asked).toEqual([
      { verb: "patch", group: "argoproj.io", resource: "rollouts", subresource: "status", namespace: "shop" },
      { verb: "patch", group: "argoproj.io", resource: "rollouts", namespace: "shop" },
    ]);
  });

  it("creates a core/v1 Event on the object", async () => {
    await kube.source.recordEvent({
      kind: "Rollout",
      namespace: "shop",
      name: "web",
      uid: "uid-web",
      reason: "RollscopePromote",
      message: "promoted by alice@example.com",
      type: "Normal",
    });
    const [sent] = cluster.server.requestsTo("POST", "/api/v1/namespaces/shop/events");
    const event = JSON.parse(sent?.body ?? "{}");
    expect(event).toMatchObject({
      metadata: { namespace: "shop" },
      involvedObject: {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        name: "web",
        namespace: "shop",
        uid: "uid-web",
      },
      reason: "RollscopePromote",
      message: "promoted by alice@example.com",
      type: "Normal",
      count: 1,
      source: { component: "rollscope" },
      reportingComponent: "rollscope",
    });
    expect(event.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(Date.parse(event.firstTimestamp)).not.toBeNaN();
    expect(event.lastTimestamp).toBe(event.firstTimestamp);
  });

  it("swallows and logs a failure to record an Event", async () => {
    cluster.server.forbidden.add("create events");
    await expect(
      kube.source.recordEvent({
        kind: "Rollout",
        namespace: "shop",
        name: "web",
        reason: "R",
        message: "m",
        type: "Normal",
      }),
    ).resolves.toBeUndefined();
    const warning = cluster.logger.entries.find((e) => e.level === "warn");
    expect(warning?.msg).toBe("could not record event: forbidden: cannot create events in namespace shop");
  });
});
