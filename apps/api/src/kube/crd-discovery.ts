// Which controllers' CRDs the cluster serves, from API discovery (`/apis/<group>/<version>`). A 404,
// or a group without the controller's main resource (argoproj.io with only Argo CD's Applications),
// means the controller is absent: shown as a hint, not an error. Re-run periodically, so CRDs
// installed later are picked up.
import type { V1APIResourceList } from "@kubernetes/client-node";
import { type KnownKind, kindResources } from "@rollscope/shared";
import type { ClusterHealth } from "@rollscope/shared/cluster/cluster-source";
import { httpStatus } from "./kube-errors";
import type { KubeHttp } from "./kube-http";

export type Controller = ClusterHealth["absent"][number]["controller"];

interface ControllerApi {
  controller: Controller;
  group: string;
  version: string;
  /** The resource whose presence means the controller is installed. */
  anchor: KnownKind;
  hint: string;
}

export const controllerApis: readonly ControllerApi[] = [
  {
    controller: "argo",
    group: "argoproj.io",
    version: "v1alpha1",
    anchor: "Rollout",
    hint: "Argo Rollouts CRDs not installed (no rollouts.argoproj.io/v1alpha1): Rollouts are not shown",
  },
  {
    controller: "flagger",
    group: "flagger.app",
    version: "v1beta1",
    anchor: "Canary",
    hint: "Flagger CRDs not installed (no canaries.flagger.app/v1beta1): Canaries are not shown",
  },
  {
    controller: "istio",
    group: "networking.istio.io",
    version: "v1beta1",
    anchor: "VirtualService",
    hint: "Istio CRDs not installed (no virtualservices.networking.istio.io/v1beta1): traffic routes are not shown",
  },
];

export type ControllerDiscovery =
  | { controller: Controller; state: "present"; kinds: KnownKind[] }
  | { controller: Controller; state: "absent"; hint: string }
  | { controller: Controller; state: "unknown"; error: unknown };

function kindsOf(api: ControllerApi): KnownKind[] {
  return (Object.keys(kindResources) as KnownKind[]).filter((kind) => {
    const r = kindResources[kind];
    return r.group === api.group && r.version === api.version;
  });
}

async function discoverOne(http: KubeHttp, api: ControllerApi): Promise<ControllerDiscovery> {
  try {
    const list = await http.getJson<V1APIResourceList>(`/apis/${api.group}/${api.version}`, {});
    const served = new Set((list.resources ?? []).map((r) => r.name));
    const kinds = kindsOf(api).filter((kind) => served.has(kindResources[kind].plural));
    if (!kinds.includes(api.anchor)) return { controller: api.controller, state: "absent", hint: api.hint };
    return { controller: api.controller, state: "present", kinds };
  } catch (error) {
    if (httpStatus(error) === 404) return { controller: api.controller, state: "absent", hint: api.hint };
    return { controller: api.controller, state: "unknown", error };
  }
}

export function discoverControllers(http: KubeHttp): Promise<ControllerDiscovery[]> {
  return Promise.all(controllerApis.map((api) => discoverOne(http, api)));
}
