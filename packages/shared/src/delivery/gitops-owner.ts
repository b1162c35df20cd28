// Who else writes this object: an Argo CD Application or a Flux Kustomization / HelmRelease. An image
// changed from Rollscope is reverted by them unless the change is also made in git.
export interface GitOpsOwner {
  tool: "argocd" | "flux";
  /** e.g. "Application", "Kustomization", "HelmRelease". */
  kind: string;
  name: string;
  namespace?: string;
  /** How we know: the label or annotation we read. */
  source: string;
}

export function findGitOpsOwner(
  labels: Record<string, string> | null | undefined,
  annotations: Record<string, string> | null | undefined,
): GitOpsOwner | undefined {
  const l = labels ?? {};
  const a = annotations ?? {};
  // Argo CD annotation tracking: "<app>:<group>/<kind>:<namespace>/<name>".
  const tracking = a["argocd.argoproj.io/tracking-id"];
  if (tracking) {
    const app = tracking.split(":")[0] ?? tracking;
    const [appNamespace, appName] = app.includes("_")
      ? (app.split("_", 2) as [string, string])
      : [undefined, app];
    return {
      tool: "argocd",
      kind: "Application",
      name: appName,
      ...(appNamespace ? { namespace: appNamespace } : {}),
      source: "annotation argocd.argoproj.io/tracking-id",
    };
  }
  const fluxKsName = l["kustomize.toolkit.fluxcd.io/name"];
  if (fluxKsName) {
    const ns = l["kustomize.toolkit.fluxcd.io/namespace"];
    return {
      tool: "flux",
      kind: "Kustomization",
      name: fluxKsName,
      ...(ns ? { namespace: ns } : {}),
      source: "label kustomize.toolkit.fluxcd.io/name",
    };
  }
  const helmName = l["helm.toolkit.fluxcd.io/name"];
  if (helmName) {
    const ns = l["helm.toolkit.fluxcd.io/namespace"];
    return {
      tool: "flux",
      kind: "HelmRelease",
      name: helmName,
      ...(ns ? { namespace: ns } : {}),
      source: "label helm.toolkit.fluxcd.io/name",
    };
  }
  // Argo CD's default (label) tracking uses app.kubernetes.io/instance = application name.
  const instance = l["app.kubernetes.io/instance"];
  if (instance && l["app.kubernetes.io/managed-by"] !== "Helm") {
    return {
      tool: "argocd",
      kind: "Application",
      name: instance,
      source: "label app.kubernetes.io/instance",
    };
  }
  return undefined;
}
