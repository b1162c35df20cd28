// Flagger webhooks that gate a canary, and who can open them: a flagger-loadtester (opened with
// POST /gate/open or /rollback/open) or Rollscope's own gate endpoints.
import type { Canary, CanaryWebhook } from "../schemas/flagger/canary";
import { canaryAnalysis } from "./canary-analysis";

export type GateType = "confirm-rollout" | "confirm-traffic-increase" | "confirm-promotion" | "rollback";
export const gateTypes: ReadonlySet<string> = new Set<GateType>([
  "confirm-rollout",
  "confirm-traffic-increase",
  "confirm-promotion",
  "rollback",
]);

/** Paths Rollscope serves for webhooks that point at it. */
export const rollscopeGatePaths = { confirm: "/api/gates/check", rollback: "/api/gates/rollback" } as const;

export type GateOpener =
  | { kind: "loadtester"; namespace: string; service: string; port: number; namespaceAssumed: boolean }
  | { kind: "rollscope" }
  | { kind: "none"; why: string };

export interface GateWebhook {
  name: string;
  type: GateType;
  url: string;
  opener: GateOpener;
}

/** Service, namespace and port of an in-cluster URL host like `svc`, `svc.ns`, `svc.ns.svc.cluster.local`. */
function serviceOfHost(url: URL, defaultNamespace: string) {
  const parts = url.hostname.split(".");
  const service = parts[0] ?? "";
  const namespace = parts.length >= 2 ? parts[1] : undefined;
  // Flagger calls the URL's default port when it names none; the proxy path must name it too, since
  // without one the API server only matches an unnamed Service port (the loadtester's is "http").
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return {
    service,
    namespace: namespace ?? defaultNamespace,
    namespaceAssumed: namespace === undefined,
    port,
  };
}

function openerFor(webhook: CanaryWebhook, type: GateType, canaryNamespace: string): GateOpener {
  let url: URL;
  try {
    url = new URL(webhook.url);
  } catch {
    return { kind: "none", why: `webhook URL "${webhook.url}" cannot be read` };
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path === rollscopeGatePaths.confirm || path === rollscopeGatePaths.rollback)
    return { kind: "rollscope" };
  const expected = type === "rollback" ? "/rollback/check" : "/gate/check";
  if (path.endsWith(expected)) return { kind: "loadtester", ...serviceOfHost(url, canaryNamespace) };
  if (path.endsWith("/gate/halt"))
    return { kind: "none", why: "the webhook is a loadtester /gate/halt, which never opens" };
  return { kind: "none", why: `webhook ${webhook.name} (${webhook.url}) is not a gate Rollscope can open` };
}

export function gateWebhooks(canary: Canary): GateWebhook[] {
  const namespace = canary.metadata.namespace ?? "default";
  return (canaryAnalysis(canary).webhooks ?? []).flatMap((w) => {
    const type = w.type ?? "";
    if (!gateTypes.has(type)) return [];
    return [
      { name: w.name, type: type as GateType, url: w.url, opener: openerFor(w, type as GateType, namespace) },
    ];
  });
}
