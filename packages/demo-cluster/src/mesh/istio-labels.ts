// The labels Istio's standard metrics carry (istio_requests_total, istio_request_duration_milliseconds),
// derived from pod labels the way the sidecar derives them: app and version labels, canonical
// service/revision, workload = the owning controller's name, principal from the service account.

/** One side of a request. */
export interface Peer {
  workload: string;
  namespace: string;
  app: string;
  version: string;
  canonicalService: string;
  canonicalRevision: string;
  principal: string;
}

/** A destination: the pod side plus the Service the request was sent to. */
export interface Backend extends Peer {
  /** Short Service name, e.g. "podinfo-canary". */
  service: string;
  image: string;
  /** Whether the workload has ready pods; if not, the sidecar answers 503 "UH". */
  ready: boolean;
}

/** A peer from a pod template's labels (istio's canonical-name/-revision rules). */
export function peerFromTemplate(
  workload: string,
  namespace: string,
  labels: Record<string, string> | null | undefined,
  serviceAccount?: string | null,
): Peer {
  const l = labels ?? {};
  return {
    workload,
    namespace,
    app: l.app ?? l["app.kubernetes.io/name"] ?? "unknown",
    version: l.version ?? l["app.kubernetes.io/version"] ?? "unknown",
    canonicalService:
      l["service.istio.io/canonical-name"] ?? l["app.kubernetes.io/name"] ?? l.app ?? workload,
    canonicalRevision:
      l["service.istio.io/canonical-revision"] ?? l["app.kubernetes.io/version"] ?? l.version ?? "latest",
    principal: `spiffe://cluster.local/ns/${namespace}/sa/${serviceAccount || "default"}`,
  };
}

export const ingressGateway: Peer = {
  workload: "istio-ingressgateway",
  namespace: "istio-system",
  app: "istio-ingressgateway",
  version: "unknown",
  canonicalService: "istio-ingressgateway",
  canonicalRevision: "latest",
  principal: "spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",
};

export function loadtesterPeer(namespace: string): Peer {
  return peerFromTemplate("flagger-loadtester", namespace, { app: "flagger-loadtester" });
}

const UNKNOWN: Omit<Peer, "namespace"> & { namespace: string } = {
  workload: "unknown",
  namespace: "unknown",
  app: "unknown",
  version: "unknown",
  canonicalService: "unknown",
  canonicalRevision: "latest",
  principal: "unknown",
};

/** Labels of one request series, in the order Istio's Prometheus output shows them. */
export function requestLabels(
  reporter: "source" | "destination",
  source: Peer,
  destination: Backend,
  responseCode: number,
  responseFlags = "-",
): Record<string, string> {
  // With no healthy upstream only the client sidecar reports, and it knows no destination pod.
  const pod: Peer = responseFlags === "UH" ? { ...UNKNOWN } : destination;
  return {
    reporter,
    source_workload: source.workload,
    source_canonical_service: source.canonicalService,
    source_canonical_revision: source.canonicalRevision,
    source_workload_namespace: source.namespace,
    source_principal: source.principal,
    source_app: source.app,
    source_version: source.version,
    source_cluster: "Kubernetes",
    destination_workload: pod.workload,
    destination_workload_namespace: pod.namespace,
    destination_principal: pod.principal,
    destination_app: pod.app,
    destination_version: pod.version,
    destination_service: `${destination.service}.${destination.namespace}.svc.cluster.local`,
    destination_canonical_service: pod.canonicalService,
    destination_canonical_revision: pod.canonicalRevision,
    destination_service_name: destination.service,
    destination_service_namespace: destination.namespace,
    destination_cluster: responseFlags === "UH" ? "unknown" : "Kubernetes",
    request_protocol: "http",
    response_code: String(responseCode),
    grpc_response_status: "",
    response_flags: responseFlags,
    connection_security_policy: reporter === "destination" ? "mutual_tls" : "unknown",
  };
}
