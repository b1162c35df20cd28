// Flagger's IstioRouter (pkg/router/istio.go) for the apex VirtualService `<apex>`: created with
// primary 100 / canary 0, rewritten (weights kept) when the Canary's routing spec changes, and the
// weights read and set as GetRoutes/SetRoutes do (reading shared with the dashboard), A/B match routes
// and mirroring included.
// DestinationRules and Services are not simulated.
import {
  type Canary,
  canaryAnalysis,
  canaryServiceNames,
  type IstioRouteWeights,
  istioRouteWeights,
} from "@rollscope/shared";
import type { DemoStore, RawObject } from "../demo-store";
import { controllerRef, namespaceOf } from "./flagger-context";

type Destination = { destination: { host: string }; weight: number };
type HttpRoute = {
  match?: unknown[];
  route: Destination[];
  mirror?: { host: string };
  mirrorPercentage?: { value: number };
};

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
  const names = canaryServiceNames(canary);
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
  const { apex } = canaryServiceNames(canary);
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
      name: canaryServiceNames(canary).apex,
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
          name: canaryServiceNames(canary).apex,
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

  /** GetRoutes, with its errors. */
  getRoutes(canary: Canary): IstioRouteWeights | { error: string } {
    const names = canaryServiceNames(canary);
    const ns = namespaceOf(canary);
    const vs = this.virtualService(canary);
    if (!vs) {
      return {
        error: `VirtualService ${names.apex}.${ns} get query error virtualservices.networking.istio.io "${names.apex}" not found`,
      };
    }
    return (
      istioRouteWeights(canary, vs) ?? {
        error: `VirtualService ${names.apex}.${ns} does not contain routes for ${names.apex}-primary and ${names.apex}-canary`,
      }
    );
  }

  /** SetRoutes: weighted route (plus the A/B match route) and, when mirrored, a mirror to the canary. */
  setRoutes(canary: Canary, primaryWeight: number, canaryWeight: number, mirrored: boolean): void {
    const vs = this.virtualService(canary);
    if (!vs)
      throw new Error(
        `VirtualService ${canaryServiceNames(canary).apex}.${namespaceOf(canary)} get query error`,
      );
    const http = httpRoutes(canary, primaryWeight, canaryWeight);
    const first = http[0];
    if (mirrored && first && (canaryAnalysis(canary).match?.length ?? 0) === 0) {
      first.mirror = { host: canaryServiceNames(canary).canary };
      const mirrorWeight = canaryAnalysis(canary).mirrorWeight ?? 0;
      if (mirrorWeight > 0) first.mirrorPercentage = { value: mirrorWeight };
    }
    this.store.update({ ...vs, spec: { ...vs.spec, http } });
  }
}
