// Where each delivery's requests go, read from the cluster's objects the way Istio would route them:
// Flagger's apex VirtualService `<apex>` between `<target>-primary` and `<target>` (A/B match routes
// included); Argo Rollouts' VirtualService routes between the stable and canary Services, or, without
// traffic routing, a split by ready pods; blue-green sends everything to the active ReplicaSet.
import { type Canary, canaryServiceNames, parseObject, type Rollout } from "@rollscope/shared";
import type { RawObject } from "../demo-store";
import { type Backend, peerFromTemplate } from "./istio-labels";

export type StringMatch = { exact?: string; prefix?: string; regex?: string };
export type HttpMatch = { headers?: Record<string, StringMatch> };

export interface WeightedRoute {
  /** Istio match requests (only headers are simulated); absent = every request. */
  match?: HttpMatch[];
  backends: Array<{ backend: Backend; weight: number }>;
  mirror?: { backend: Backend; percent: number };
}

export interface DeliveryRouting {
  /** "Canary/test/podinfo", "Rollout/rollouts-demo/myapp". */
  id: string;
  namespace: string;
  /** Name the request rate is keyed on. */
  app: string;
  routes: WeightedRoute[];
  /** Services that reach one backend directly (a load test calling `podinfo-canary`). */
  direct: Map<string, Backend>;
  /** The Service users call, which goes through `routes`. */
  entryService: string;
}

/** What routing reads: the demo store, or a real cluster's objects (e2e/cluster/mesh). */
export interface MeshObjects {
  get(key: { kind: string; namespace: string; name: string }): RawObject | undefined;
  list(kind: string, namespace?: string): RawObject[];
}

type Template = {
  metadata?: { labels?: Record<string, string> };
  spec?: { serviceAccountName?: string; containers?: Array<{ image?: string }> };
};

function backendOf(
  workload: string,
  namespace: string,
  service: string,
  template: unknown,
  ready: boolean,
): Backend {
  const t = (template ?? {}) as Template;
  return {
    ...peerFromTemplate(workload, namespace, t.metadata?.labels, t.spec?.serviceAccountName),
    service,
    image: t.spec?.containers?.[0]?.image ?? "unknown",
    ready,
  };
}

const readyCount = (o: RawObject | undefined) =>
  typeof o?.status?.readyReplicas === "number" ? (o.status.readyReplicas as number) : 0;

type VsRoute = {
  name?: string;
  match?: HttpMatch[];
  route?: Array<{ destination?: { host?: string }; weight?: number }>;
  mirror?: { host?: string };
  mirrorPercentage?: { value?: number };
};

/** Turns VirtualService HTTP routes into weighted routes; hosts resolve by their first DNS label. */
function fromVirtualService(routes: VsRoute[], hosts: Map<string, Backend>): WeightedRoute[] {
  const resolve = (host: string | undefined) => (host ? hosts.get(host.split(".")[0] ?? host) : undefined);
  return routes.flatMap((route) => {
    const destinations = route.route ?? [];
    const backends = destinations.flatMap((d) => {
      const backend = resolve(d.destination?.host);
      // A single destination takes all traffic whatever its weight says.
      return backend ? [{ backend, weight: destinations.length === 1 ? 100 : (d.weight ?? 0) }] : [];
    });
    if (backends.length === 0) return [];
    const mirrorBackend = resolve(route.mirror?.host);
    return [
      {
        ...(route.match?.length ? { match: route.match } : {}),
        backends,
        ...(mirrorBackend
          ? { mirror: { backend: mirrorBackend, percent: route.mirrorPercentage?.value ?? 100 } }
          : {}),
      },
    ];
  });
}

function flaggerRouting(store: MeshObjects, canary: Canary): DeliveryRouting | undefined {
  const ns = canary.metadata.namespace ?? "default";
  const names = canaryServiceNames(canary);
  const target = store.get({ kind: "Deployment", namespace: ns, name: canary.spec.targetRef.name });
  const primary = store.get({
    kind: "Deployment",
    namespace: ns,
    name: `${canary.spec.targetRef.name}-primary`,
  });
  const vs = store.get({ kind: "VirtualService", namespace: ns, name: names.apex });
  const base = {
    id: `Canary/${ns}/${canary.metadata.name}`,
    namespace: ns,
    app: canary.spec.targetRef.name,
    entryService: names.apex,
  };
  const canaryBackend = target
    ? backendOf(target.metadata.name, ns, names.canary, target.spec?.template, readyCount(target) > 0)
    : undefined;
  const primaryBackend = primary
    ? backendOf(primary.metadata.name, ns, names.primary, primary.spec?.template, readyCount(primary) > 0)
    : undefined;
  if (!vs || !primaryBackend) {
    // Before initialisation the apex Service still selects the target's own pods.
    if (!target) return undefined;
    const backend = backendOf(
      target.metadata.name,
      ns,
      names.apex,
      target.spec?.template,
      readyCount(target) > 0,
    );
    return { ...base, routes: [{ backends: [{ backend, weight: 100 }] }], direct: new Map() };
  }
  const hosts = new Map<string, Backend>([[names.primary, primaryBackend]]);
  if (canaryBackend) hosts.set(names.canary, canaryBackend);
  const routes = fromVirtualService((vs.spec?.http as VsRoute[] | undefined) ?? [], hosts);
  return { ...base, routes, direct: hosts };
}

function argoRouting(store: MeshObjects, rollout: Rollout): DeliveryRouting | undefined {
  const ns = rollout.metadata.namespace ?? "default";
  const name = rollout.metadata.name;
  const sets = store
    .list("ReplicaSet", ns)
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.kind === "Rollout" && o.name === name));
  const byHash = new Map(sets.map((rs) => [rs.metadata.labels?.["rollouts-pod-template-hash"] ?? "", rs]));
  const status = rollout.status ?? {};
  const canary = rollout.spec.strategy?.canary;
  const blueGreen = rollout.spec.strategy?.blueGreen;
  const base = { id: `Rollout/${ns}/${name}`, namespace: ns, app: name };
  const backend = (hash: string | null | undefined, service: string): Backend | undefined => {
    const rs = hash ? byHash.get(hash) : undefined;
    return rs ? backendOf(name, ns, service, rs.spec?.template, readyCount(rs) > 0) : undefined;
  };
  if (blueGreen) {
    const active = backend(status.blueGreen?.activeSelector ?? status.stableRS, blueGreen.activeService);
    const preview = blueGreen.previewService
      ? backend(status.blueGreen?.previewSelector, blueGreen.previewService)
      : undefined;
    const direct = new Map<string, Backend>(
      preview && blueGreen.previewService ? [[blueGreen.previewService, preview]] : [],
    );
    if (!active) return byReplicas(base, sets, name, ns, blueGreen.activeService, direct);
    return {
      ...base,
      entryService: blueGreen.activeService,
      routes: [{ backends: [{ backend: active, weight: 100 }] }],
      direct,
    };
  }
  const stableService = canary?.stableService ?? name;
  const canaryService = canary?.canaryService ?? stableService;
  const stable = backend(status.stableRS, stableService);
  const current = backend(status.currentPodHash, canaryService);
  const direct = new Map<string, Backend>();
  if (stable) direct.set(stableService, stable);
  if (current && canaryService !== stableService) direct.set(canaryService, current);
  const istio = canary?.trafficRouting?.istio;
  const vsRef = istio?.virtualService ?? istio?.virtualServices?.[0];
  const vs = vsRef ? store.get({ kind: "VirtualService", namespace: ns, name: vsRef.name }) : undefined;
  if (vs && direct.size > 0) {
    const wanted = vsRef?.routes ?? [];
    const http = ((vs.spec?.http as VsRoute[] | undefined) ?? []).filter(
      (r) => wanted.length === 0 || wanted.includes(r.name ?? ""),
    );
    const routes = fromVirtualService(http, direct);
    if (routes.length > 0) return { ...base, entryService: stableService, routes, direct };
  }
  return byReplicas(base, sets, name, ns, stableService, direct, canaryService, status.currentPodHash);
}

/** Without traffic routing a Service spreads requests over all ready pods. */
function byReplicas(
  base: { id: string; namespace: string; app: string },
  sets: RawObject[],
  workload: string,
  ns: string,
  service: string,
  direct: Map<string, Backend>,
  canaryService?: string,
  canaryHash?: string | null,
): DeliveryRouting | undefined {
  const backends = sets
    .filter((rs) => readyCount(rs) > 0)
    .map((rs) => {
      const isCanary = canaryHash && rs.metadata.labels?.["rollouts-pod-template-hash"] === canaryHash;
      const svc = isCanary && canaryService ? canaryService : service;
      return { backend: backendOf(workload, ns, svc, rs.spec?.template, true), weight: readyCount(rs) };
    });
  if (backends.length === 0) return undefined;
  return { ...base, entryService: service, routes: [{ backends }], direct };
}

/** Every delivery's routing, Flagger canaries and Argo rollouts. */
export function collectRoutings(store: MeshObjects): DeliveryRouting[] {
  const out: DeliveryRouting[] = [];
  for (const raw of store.list("Canary")) {
    const parsed = parseObject("Canary", raw);
    const routing = parsed.ok ? flaggerRouting(store, parsed.value) : undefined;
    if (routing) out.push(routing);
  }
  for (const raw of store.list("Rollout")) {
    const parsed = parseObject("Rollout", raw);
    const routing = parsed.ok ? argoRouting(store, parsed.value) : undefined;
    if (routing) out.push(routing);
  }
  return out;
}

function matchesString(value: string | undefined, m: StringMatch): boolean {
  if (value === undefined) return false;
  if (m.exact !== undefined) return value === m.exact;
  if (m.prefix !== undefined) return value.startsWith(m.prefix);
  if (m.regex !== undefined) {
    try {
      return new RegExp(`^(?:${m.regex})$`).test(value);
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether a request with these (lower-cased) headers matches one of the match requests. */
export function headersMatch(match: HttpMatch[], headers: Record<string, string>): boolean {
  return match.some((m) =>
    Object.entries(m.headers ?? {}).every(([name, sm]) => matchesString(headers[name.toLowerCase()], sm)),
  );
}
