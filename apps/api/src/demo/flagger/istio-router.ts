// Flagger's IstioRouter (pkg/router/istio.go) for the apex VirtualService `<apex>`: created with
// primary 100 / canary 0, rewritten (weights kept) when the Canary's routing spec changes, and the
// weights read and set as GetRoutes/SetRoutes do, A/B match routes and mirroring included.
// DestinationRules and Services are not simulated.
import { type Canary, canaryAnalysis } from "@rollscope/shared";
import type { DemoStore, RawObject } from "../demo-store";
import { controllerRef, namespaceOf, serviceNames } from "./flagger-context";

type Destination = { destination: { host: string }; weight: number };
type HttpRoute = {
  match?: unknown[];
  route: Destination[];
  mirror?: { host: string };
  mirrorPercentage?: { value: number };
};

export interface Routes {
  primaryWeight: number;
  canaryWeight: number;
  mirrored: boolean;
}

const destination = (host: string, weight: number): Destination => ({ destination: { host }, weight });

function serviceMatch(canary: Canary): unknown[] | undefined {
  const match = (canary.spec.service as { match?: unknown[] } | null | undefined)?.match;
  return match && match.length > 0 ? match : undefined;
}

/** mergeMatchConditions: each canary match combined with each service-level match. */
function mergedMatch(canary: Canary): unknown[] {
  const analysisMatch = canaryAnalysis(canary).match ?? [];
  const defaults = serviceMatch(canary);
  if (!defaults) return structuredClone(analysisMatch);
  return analysisMatch.flatMap((c) =>
    defaults.map((d) => {
      const merged = structuredClone(d) as Record<string, unknown>;
      const cm = c as Record<string, unknown>;
      if (cm.headers !== undefined) merged.headers = cm.headers;
      if (cm.sourceLabels !== undefined) merged.sourceLabels = cm.sourceLabels;
      return merged;
    }),
  );
}

function httpRoutes(canary: Canary, primaryWeight: number, canaryWeight: number): HttpRoute[] {
  const names = serviceNames(canary);
  const base = serviceMatch(canary);
  const weighted: HttpRoute = {
    ...(base ? { match: structuredClone(base) } : {}),
    route: [destination(names.primary, primaryWeight), destination(names.canary, canaryWeight)],
  };
  if ((canaryAnalysis(canary).match?.length ?? 0) === 0) return [weighted];
  // A/B: requests matching the canary's headers/cookies follow the weights; the rest go to the primary.
  return [
    { match: mergedMatch(canary), route: weighted.route },
    { ...(base ? { match: structuredClone(base) } : {}), route: [destination(names.primary, primaryWeight)] },
  ];
}

function desiredSpec(canary: Canary, http: HttpRoute[]): Record<string, unknown> {
  const { apex } = serviceNames(canary);
  const service = canary.spec.service;
  const hosts = [...(service?.hosts ?? [])];
  if (!hosts.includes(apex) && !hosts.includes("*")) hosts.push(apex);
  const gateways = [...(service?.gateways ?? [])];
  if (gateways.length === 0) gateways.push("mesh");
  return { hosts, gateways, http };
}

// Reconcile compares specs without weights and mirrors.
function routingShape(spec: unknown): string {
  return JSON.stringify(spec, (key, value: unknown) =>
    key === "weight" || key === "mirror" || key === "mirrorPercentage" ? undefined : value,
  );
}

export class IstioRouter {
  constructor(private readonly store: DemoStore) {}

  virtualService(canary: Canary): RawObject | undefined {
    return this.store.get({
      kind: "VirtualService",
      namespace: namespaceOf(canary),
      name: serviceNames(canary).apex,
    });
  }

  reconcile(canary: Canary): void {
    const existing = this.virtualService(canary);
    const spec = desiredSpec(canary, httpRoutes(canary, 100, 0));
    if (!existing) {
      this.store.create({
        apiVersion: "networking.istio.io/v1beta1",
        kind: "VirtualService",
        metadata: {
          name: serviceNames(canary).apex,
          namespace: namespaceOf(canary),
          ownerReferences: [controllerRef(canary)],
        },
        spec,
      });
      return;
    }
    // Upstream replaces the spec (weights back to 100/0) when anything but weights differs.
    if (routingShape(existing.spec) !== routingShape(spec)) this.store.update({ ...existing, spec });
  }

  /** GetRoutes: the weights of the last HTTP route that sends to the canary service. */
  getRoutes(canary: Canary): Routes | { error: string } {
    const names = serviceNames(canary);
    const ns = namespaceOf(canary);
    const vs = this.virtualService(canary);
    if (!vs) {
      return {
        error: `VirtualService ${names.apex}.${ns} get query error virtualservices.networking.istio.io "${names.apex}" not found`,
      };
    }
    const http = (vs.spec?.http as HttpRoute[] | undefined) ?? [];
    let chosen: HttpRoute | undefined;
    for (const route of http)
      if (route.route?.some((r) => r.destination?.host === names.canary)) chosen = route;
    let primaryWeight = 0;
    let canaryWeight = 0;
    for (const r of chosen?.route ?? []) {
      if (r.destination?.host === names.primary) primaryWeight = r.weight ?? 0;
      if (r.destination?.host === names.canary) canaryWeight = r.weight ?? 0;
    }
    if (primaryWeight === 0 && canaryWeight === 0) {
      return {
        error: `VirtualService ${names.apex}.${ns} does not contain routes for ${names.apex}-primary and ${names.apex}-canary`,
      };
    }
    return { primaryWeight, canaryWeight, mirrored: Boolean(chosen?.mirror?.host) };
  }

  /** SetRoutes: weighted route (plus the A/B match route) and, when mirrored, a mirror to the canary. */
  setRoutes(canary: Canary, primaryWeight: number, canaryWeight: number, mirrored: boolean): void {
    const vs = this.virtualService(canary);
    if (!vs)
      throw new Error(`VirtualService ${serviceNames(canary).apex}.${namespaceOf(canary)} get query error`);
    const http = httpRoutes(canary, primaryWeight, canaryWeight);
    const first = http[0];
    if (mirrored && first && (canaryAnalysis(canary).match?.length ?? 0) === 0) {
      first.mirror = { host: serviceNames(canary).canary };
      const mirrorWeight = canaryAnalysis(canary).mirrorWeight ?? 0;
      if (mirrorWeight > 0) first.mirrorPercentage = { value: mirrorWeight };
    }
    this.store.update({ ...vs, spec: { ...vs.spec, http } });
  }
}
