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

/**
 * What one of Rollscope's gate endpoints answers for: one gate type, so approving the rollout does not
 * also pass the promotion; or, on `/api/gates/check`, every confirm gate of the release at once.
 */
export type RollscopeGateScope = GateType | "any-confirm";

/** Paths Rollscope serves for webhooks that point at it. */
export const rollscopeGatePaths: Readonly<Record<RollscopeGateScope, string>> = {
  "any-confirm": "/api/gates/check",
  "confirm-rollout": "/api/gates/confirm-rollout",
  "confirm-traffic-increase": "/api/gates/confirm-traffic-increase",
  "confirm-promotion": "/api/gates/confirm-promotion",
  rollback: "/api/gates/rollback",
};

/** The scope of a URL path that ends in one of Rollscope's gate paths (behind any prefix), if it does. */
export function rollscopeGateScope(path: string): RollscopeGateScope | undefined {
  const trimmed = path.replace(/\/+$/, "");
  const found = Object.entries(rollscopeGatePaths).find(([, p]) => trimmed.endsWith(p));
  return found?.[0] as RollscopeGateScope | undefined;
}

export type GateOpener =
  | { kind: "loadtester"; namespace: string; service: string; port: number; namespaceAssumed: boolean }
  | { kind: "rollscope"; scope: RollscopeGateScope }
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
  const scope = rollscopeGateScope(path);
  if (scope !== undefined) {
    // Rollscope opens a webhook only through the endpoint for its type, or the catch-all confirm one.
    const fits = scope === type || (scope === "any-confirm" && type !== "rollback");
    return fits
      ? { kind: "rollscope", scope }
      : {
          kind: "none",
          why: `webhook ${webhook.name} is a ${type} gate but points at ${rollscopeGatePaths[scope]}; point it at ${rollscopeGatePaths[type]}`,
        };
  }
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
