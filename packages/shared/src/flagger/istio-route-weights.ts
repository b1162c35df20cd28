// The primary and canary weights of a Canary's apex VirtualService, read as Flagger's
// IstioRouter.GetRoutes (pkg/router/istio.go) reads them: from the LAST http route that has a
// destination on `<apex>-canary`, taking the weights of the destinations whose host is exactly
// `<apex>-primary` and `<apex>-canary`. The last, because with session affinity Flagger's SetRoutes
// writes a cookie-match route (primary 0, canary 100) before the weighted one; an A/B canary's
// header-match route is the only one with the canary, its fallback sends to the primary alone. With
// session affinity the destinations that set the cookie have the last word, and TCP canaries read
// `spec.tcp`, both as upstream does.
// Argo Rollouts picks routes differently (rollout/trafficrouting/istio getHttpRouteIndexesToPatch:
// the routes the Rollout names, else the only one or the first unnamed one), but a Rollout reports
// its weights in status, so only Canaries are read from here.
import type { Canary } from "../schemas/flagger/canary";
import { canaryAnalysis } from "./canary-analysis";
import { type CanaryServiceNames, canaryServiceNames } from "./canary-service-names";

interface RouteDestination {
  destination?: { host?: string | null } | null;
  weight?: number | null;
  headers?: unknown;
}

interface WeightedRoute {
  route?: RouteDestination[] | null;
  mirror?: { host?: string | null } | null;
}

/** The parts of a VirtualService (networking.istio.io) the weights are read from. */
export interface VirtualServiceRoutes {
  spec?: { http?: WeightedRoute[] | null; tcp?: WeightedRoute[] | null } | null;
}

export interface IstioRouteWeights {
  primaryWeight: number;
  canaryWeight: number;
  mirrored: boolean;
}

type Weights = Omit<IstioRouteWeights, "mirrored">;

/** The weights of the destinations on the primary and canary hosts, over those already read. */
function readWeights(
  destinations: readonly RouteDestination[],
  names: CanaryServiceNames,
  read: Weights = { primaryWeight: 0, canaryWeight: 0 },
): Weights {
  let { primaryWeight, canaryWeight } = read;
  for (const d of destinations) {
    if (d.destination?.host === names.primary) primaryWeight = d.weight ?? 0;
    if (d.destination?.host === names.canary) canaryWeight = d.weight ?? 0;
  }
  return { primaryWeight, canaryWeight };
}

/** The weights Flagger would read, or undefined where it reports that the routes are missing. */
export function istioRouteWeights(
  canary: Canary,
  virtualService: VirtualServiceRoutes,
): IstioRouteWeights | undefined {
  const names = canaryServiceNames(canary);
  const tcp = canary.spec.service?.appProtocol?.toLowerCase() === "tcp";
  const routes = (tcp ? virtualService.spec?.tcp : virtualService.spec?.http) ?? [];
  const toCanary = (r: WeightedRoute) => (r.route ?? []).some((d) => d.destination?.host === names.canary);
  const chosen = routes.findLast(toCanary);
  let weights = readWeights(chosen?.route ?? [], names);
  if (!tcp && canaryAnalysis(canary).sessionAffinity) {
    // The weighted route is the one whose destinations set the session cookie.
    const settingCookie = routes.flatMap((r) => (r.route ?? []).filter((d) => d.headers != null));
    weights = readWeights(settingCookie, names, weights);
  }
  if (weights.primaryWeight === 0 && weights.canaryWeight === 0) return undefined;
  return { ...weights, mirrored: !tcp && Boolean(chosen?.mirror?.host) };
}
