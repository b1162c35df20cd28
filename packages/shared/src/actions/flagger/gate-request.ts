// The request that opens a Flagger gate: a POST to the loadtester through the API server's service
// proxy, or a decision recorded in Rollscope's own gate store.
import type { GateWebhook } from "../../flagger/webhook-gates";
import type { Canary } from "../../schemas/flagger/canary";
import type { ActionRequest } from "../action-plan";

export function openGateRequest(
  canary: Canary,
  gate: GateWebhook,
  decision: "promote" | "rollback",
  checksum: string,
):
  | { ok: true; request: ActionRequest; lever: string; where: string; closeAfterRun?: ActionRequest }
  | { ok: false; reason: string } {
  const name = canary.metadata.name;
  const namespace = canary.metadata.namespace ?? "default";
  const opener = gate.opener;
  if (opener.kind === "loadtester") {
    const path = decision === "rollback" ? "/rollback/open" : "/gate/open";
    const service = {
      type: "serviceProxy" as const,
      namespace: opener.namespace,
      service: opener.service,
      port: opener.port,
      body: { name, namespace },
    };
    return {
      ok: true,
      lever: "loadtester gate",
      where: `POST ${path} on service ${opener.namespace}/${opener.service} through the API server proxy${
        opener.namespaceAssumed
          ? ` (the webhook URL names no namespace: Flagger resolves it in its own namespace, so if Flagger runs elsewhere name it, e.g. http://${opener.service}.${opener.namespace}/)`
          : ""
      }`,
      request: { ...service, path },
      // The loadtester never closes a gate by itself: an open gate would approve every later release.
      closeAfterRun: { ...service, path: decision === "rollback" ? "/rollback/close" : "/gate/close" },
    };
  }
  if (opener.kind === "rollscope") {
    return {
      ok: true,
      lever: "Rollscope gate",
      where: `Rollscope's ${opener.scope} gate for this release (checksum ${checksum.slice(0, 12)})`,
      request: { type: "rollscopeGate", namespace, name, checksum, decision, scope: opener.scope },
    };
  }
  return { ok: false, reason: opener.why };
}
