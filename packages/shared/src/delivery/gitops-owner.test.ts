import { describe, expect, it } from "vitest";
import { findGitOpsOwner } from "./gitops-owner";

describe("GitOps owner", () => {
  it("reads Argo CD annotation tracking, with an app namespace", () => {
    expect(
      findGitOpsOwner(
        {},
        { "argocd.argoproj.io/tracking-id": "argocd_shop:argoproj.io/Rollout:shop/checkout" },
      ),
    ).toEqual({
      tool: "argocd",
      kind: "Application",
      name: "shop",
      namespace: "argocd",
      source: "annotation argocd.argoproj.io/tracking-id",
    });
    expect(
      findGitOpsOwner({}, { "argocd.argoproj.io/tracking-id": "guestbook:apps/Deployment:default/ui" })?.name,
    ).toBe("guestbook");
  });

  it("reads Flux Kustomization and HelmRelease labels", () => {
    expect(
      findGitOpsOwner(
        {
          "kustomize.toolkit.fluxcd.io/name": "apps",
          "kustomize.toolkit.fluxcd.io/namespace": "flux-system",
        },
        {},
      ),
    ).toMatchObject({ tool: "flux", kind: "Kustomization", name: "apps", namespace: "flux-system" });
    expect(
      findGitOpsOwner(
        { "helm.toolkit.fluxcd.io/name": "podinfo", "helm.toolkit.fluxcd.io/namespace": "test" },
        {},
      ),
    ).toMatchObject({
      tool: "flux",
      kind: "HelmRelease",
      name: "podinfo",
    });
  });

  it("reads Argo CD's default label tracking but not Helm's own use of the label", () => {
    expect(findGitOpsOwner({ "app.kubernetes.io/instance": "jesse-test" }, {})).toMatchObject({
      tool: "argocd",
      name: "jesse-test",
    });
    expect(
      findGitOpsOwner({ "app.kubernetes.io/instance": "x", "app.kubernetes.io/managed-by": "Helm" }, {}),
    ).toBeUndefined();
    expect(findGitOpsOwner(undefined, null)).toBeUndefined();
  });
});
