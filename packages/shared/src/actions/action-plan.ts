// What an action does, as data: the exact requests to make. The API executes a plan against a real
// cluster; the demo applies the same plan to its store. Nothing here performs I/O.
import type { ActionName } from "../delivery/action-availability";
import type { RollscopeGateScope } from "../flagger/webhook-gates";

export interface ObjectTarget {
  kind: "Rollout" | "Deployment" | "Canary";
  namespace: string;
  name: string;
}

export type JsonPatchOperation =
  | { op: "add" | "replace" | "test"; path: string; value: unknown }
  | { op: "remove"; path: string };

export type PatchRequest =
  | {
      type: "patch";
      target: ObjectTarget;
      /** "status" = the status subresource. */
      subresource?: "status";
      patchType: "merge";
      body: Record<string, unknown>;
      /**
       * Sent instead when the status subresource answers NotFound (controllers without it),
       * exactly as the kubectl plugin falls back.
       */
      fallbackWithoutSubresource?: Record<string, unknown>;
    }
  | {
      type: "patch";
      target: ObjectTarget;
      subresource?: undefined;
      patchType: "json";
      body: JsonPatchOperation[];
    };

/** POST to a flagger-loadtester endpoint through the API server's service proxy. */
export interface ServiceProxyRequest {
  type: "serviceProxy";
  namespace: string;
  service: string;
  port?: number | string;
  path: "/gate/open" | "/gate/close" | "/rollback/open" | "/rollback/close";
  body: { name: string; namespace: string };
}

/** Record a decision in Rollscope's own gate store (webhooks pointing at Rollscope read it). */
export interface RollscopeGateRequest {
  type: "rollscopeGate";
  namespace: string;
  name: string;
  /** Flagger's webhook checksum of the run in flight, so the decision never leaks into the next release. */
  checksum: string;
  decision: "promote" | "rollback";
  /** Which of Rollscope's gate endpoints the decision opens (the webhook's type, or any confirm gate). */
  scope: RollscopeGateScope;
}

export type ActionRequest = PatchRequest | ServiceProxyRequest | RollscopeGateRequest;

export interface ActionPlan {
  action: ActionName;
  /** Short name of the mechanism, e.g. "status patch", "loadtester gate", "skipAnalysis". */
  lever: string;
  /** Sentence shown before confirmation: exactly what will happen. */
  description: string;
  requests: ActionRequest[];
  /**
   * Requests to make once the run in flight has finished (Flagger phase Succeeded or Failed): restore
   * spec.skipAnalysis, or close a loadtester gate, which otherwise stays open for every later release.
   */
  afterRun?: ActionRequest[];
}

export type PlanResult = { ok: true; plan: ActionPlan } | { ok: false; reason: string };
