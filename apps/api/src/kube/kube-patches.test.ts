// What the kube source sends to the API server for patches: content types, bodies, the status
// subresource and its fallback, conflict retries, and how failures are reported.
import type { PatchRequest } from "@rollscope/shared";
import { describe, expect, it } from "vitest";
import {
  clusterRequestFailure,
  rolloutMergePatch,
  rolloutPath,
  rolloutTarget,
  statusAbort,
  useActionSource,
} from "./testing/action-source";

const kube = useActionSource();
const { cluster } = kube;

const patches = (path: string) => cluster.server.requestsTo("PATCH", path).filter((r) => r.path === path);

describe("KubeClusterSource.execute: patches", () => {
  it("sends a merge patch to the object with application/merge-patch+json", async () => {
    await kube.source.execute(rolloutMergePatch({ spec: { paused: false } }));
    const [sent] = patches(rolloutPath);
    expect(sent?.contentType).toBe("application/merge-patch+json");
    expect(JSON.parse(sent?.body ?? "")).toEqual({ spec: { paused: false } });
    expect(sent?.query.get("fieldManager")).toBe("rollscope");
    expect(cluster.server.state.get("Rollout", "shop", "web")?.spec).toMatchObject({ paused: false });
  });

  it("sends a status patch to the status subresource", async () => {
    const body = { status: { pauseConditions: null, currentStepIndex: 2 } };
    await kube.source.execute({
      type: "patch",
      target: rolloutTarget,
      subresource: "status",
      patchType: "merge",
      body,
    });
    expect(patches(`${rolloutPath}/status`).map((r) => JSON.parse(r.body))).toEqual([body]);
    expect(patches(rolloutPath)).toHaveLength(0);
  });

  it("falls back to the object when the status subresource answers NotFound", async () => {
    cluster.server.statusSubresource.delete("Rollout");
    const request: PatchRequest = {
      ...statusAbort,
      fallbackWithoutSubresource: { spec: { paused: false }, status: { abort: true } },
    };
    await kube.source.execute(request);
    expect(patches(`${rolloutPath}/status`)).toHaveLength(1);
    const [fallback] = patches(rolloutPath);
    expect(fallback?.contentType).toBe("application/merge-patch+json");
    expect(JSON.parse(fallback?.body ?? "")).toEqual({ spec: { paused: false }, status: { abort: true } });
  });

  it("does not fall back without a fallback body", async () => {
    cluster.server.statusSubresource.delete("Rollout");
    const err = await clusterRequestFailure(kube.source.execute(statusAbort));
    expect(err.code).toBe("NotFound");
    expect(patches(rolloutPath)).toHaveLength(0);
  });

  it("sends a JSON patch with application/json-patch+json", async () => {
    const body = [{ op: "replace" as const, path: "/spec/replicas", value: 4 }];
    await kube.source.execute({ type: "patch", target: rolloutTarget, patchType: "json", body });
    const [sent] = patches(rolloutPath);
    expect(sent?.contentType).toBe("application/json-patch+json");
    expect(JSON.parse(sent?.body ?? "")).toEqual(body);
  });

  it("patches Deployments through apps/v1", async () => {
    const body = { spec: { template: { metadata: { annotations: { "rollscope.io/restartedAt": "now" } } } } };
    await kube.source.execute({
      type: "patch",
      target: { kind: "Deployment", namespace: "shop", name: "api" },
      patchType: "merge",
      body,
    });
    const [sent] = patches("/apis/apps/v1/namespaces/shop/deployments/api");
    expect(sent?.contentType).toBe("application/merge-patch+json");
    expect(JSON.parse(sent?.body ?? "")).toEqual(body);
  });

  it("retries 409 Conflict, then gives up after five retries", async () => {
    const conflict = {
      status: 409,
      body: { kind: "Status", code: 409, reason: "Conflict", message: "the object has been modified" },
    };
    cluster.server.replyOnce("PATCH", rolloutPath, conflict);
    cluster.server.replyOnce("PATCH", rolloutPath, conflict);
    await kube.source.execute(rolloutMergePatch({ spec: { paused: true } }));
    expect(patches(rolloutPath)).toHaveLength(3);

    for (let i = 0; i < 6; i += 1) cluster.server.replyOnce("PATCH", rolloutPath, conflict);
    const err = await clusterRequestFailure(
      kube.source.execute(rolloutMergePatch({ spec: { paused: true } })),
    );
    expect(err.code).toBe("Conflict");
    expect(err.message).toMatch(/the object has been modified/);
    expect(patches(rolloutPath)).toHaveLength(3 + 6);
  });

  it("names the denied verb and resource on 403", async () => {
    cluster.server.forbidden.add("patch rollouts/status");
    const err = await clusterRequestFailure(kube.source.execute(statusAbort));
    expect(err.code).toBe("Forbidden");
    expect(err.status).toBe(403);
    expect(err.message).toBe("forbidden: cannot patch rollouts.argoproj.io/status in namespace shop");
  });

  it("maps 404 to NotFound and 422 to Invalid with the server's message", async () => {
    const missing = await clusterRequestFailure(
      kube.source.execute({
        type: "patch",
        target: { ...rolloutTarget, name: "nope" },
        patchType: "merge",
        body: { spec: {} },
      }),
    );
    expect(missing.code).toBe("NotFound");
    const message = 'Rollout.argoproj.io "web" is invalid: spec.replicas: Invalid value: -1: must be >= 0';
    cluster.server.replyOnce("PATCH", rolloutPath, {
      status: 422,
      body: { kind: "Status", code: 422, reason: "Invalid", message },
    });
    const invalid = await clusterRequestFailure(
      kube.source.execute(rolloutMergePatch({ spec: { replicas: -1 } })),
    );
    expect(invalid.code).toBe("Invalid");
    expect(invalid.message).toBe(message);
  });

  it("maps an unreachable API server to Unavailable", async () => {
    await cluster.server.stop();
    const err = await clusterRequestFailure(kube.source.execute(rolloutMergePatch({ spec: {} })));
    expect(err.code).toBe("Unavailable");
    expect(err.message).toMatch(/^cannot reach the API server/);
  });
});
