// Flagger's DeploymentController (pkg/canary/deployment_controller.go, deployment_ready.go): creates
// `<target>-primary` from the target, copies the template on promotion, scales the target, detects
// new revisions by the template hash and answers the readiness checks with upstream's messages.
import { randomUUID } from "node:crypto";
import type { Canary } from "@rollscope/shared";
import type { DemoStore, RawObject } from "../demo-store";
import { controllerRef, namespaceOf, primaryName, skipsAnalysis, targetName } from "./flagger-context";
import { computeHash } from "./template-hash";

/** Flagger's default -selector-labels. */
const SELECTOR_LABELS = ["app", "name", "app.kubernetes.io/name"];
// filterMetadata: annotations a GitOps tool or kubectl owns are not copied.
const DROPPED_ANNOTATION =
  /^(kubectl\.kubernetes\.io\/last-applied-configuration|kustomize\.toolkit\.fluxcd\.io\/|helm\.toolkit\.fluxcd\.io\/)/;

export type Readiness = { ready: true } | { ready: false; message: string; retriable: boolean };

type Template = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
};

function templateOf(deployment: RawObject): Template {
  return (deployment.spec?.template as Template | undefined) ?? {};
}

function selectorLabel(deployment: RawObject): [string, string] | undefined {
  const matchLabels = (deployment.spec?.selector as { matchLabels?: Record<string, string> } | undefined)
    ?.matchLabels;
  for (const label of SELECTOR_LABELS) {
    const value = matchLabels?.[label];
    if (value !== undefined) return [label, value];
  }
  return undefined;
}

function primaryLabels(labels: Record<string, string> | undefined, label: string, value: string) {
  return { ...labels, [label]: value };
}

// makeAnnotations: a fresh flagger-id forces a rolling update of the primary.
function primaryAnnotations(annotations: Record<string, string> | undefined) {
  const { "flagger-id": _ignored, ...rest } = annotations ?? {};
  return { ...rest, "flagger-id": randomUUID() };
}

function filterMetadata(annotations: Record<string, string> | undefined) {
  return Object.fromEntries(Object.entries(annotations ?? {}).filter(([k]) => !DROPPED_ANNOTATION.test(k)));
}

export class FlaggerDeploymentController {
  constructor(private readonly store: DemoStore) {}

  target(canary: Canary): RawObject | undefined {
    return this.store.get({ kind: "Deployment", namespace: namespaceOf(canary), name: targetName(canary) });
  }

  primary(canary: Canary): RawObject | undefined {
    return this.store.get({ kind: "Deployment", namespace: namespaceOf(canary), name: primaryName(canary) });
  }

  targetTemplate(canary: Canary): unknown {
    const target = this.target(canary);
    return target ? templateOf(target) : {};
  }

  /** createPrimaryDeployment; throws with upstream's wording when the target is unusable. */
  ensurePrimary(canary: Canary): void {
    const ns = namespaceOf(canary);
    const target = this.target(canary);
    if (!target) {
      throw new Error(
        `createPrimaryDeployment failed: deployment ${targetName(canary)}.${ns} get query error: deployments.apps "${targetName(canary)}" not found`,
      );
    }
    const selector = selectorLabel(target);
    if (!selector) {
      throw new Error(
        `createPrimaryDeployment failed: getSelectorLabel failed: deployment ${targetName(canary)}.${ns} spec.selector.matchLabels must contain one of [${SELECTOR_LABELS.join(" ")}]`,
      );
    }
    if (this.primary(canary)) return;
    const [label, value] = selector;
    const template = templateOf(target);
    const spec = target.spec ?? {};
    const replicas = typeof spec.replicas === "number" && spec.replicas > 0 ? spec.replicas : 1;
    this.store.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: primaryName(canary),
        namespace: ns,
        labels: { [label]: `${value}-primary` },
        annotations: filterMetadata(target.metadata.annotations),
        ownerReferences: [controllerRef(canary)],
      },
      spec: {
        ...copySpecFields(spec),
        replicas,
        selector: { matchLabels: { [label]: `${value}-primary` } },
        template: {
          metadata: {
            labels: primaryLabels(template.metadata?.labels, label, `${value}-primary`),
            annotations: primaryAnnotations(template.metadata?.annotations),
          },
          spec: structuredClone(template.spec ?? {}),
        },
      },
      status: {},
    });
  }

  /** Promote: the target's pod spec, labels and annotations onto the primary (replicas untouched). */
  promote(canary: Canary): void {
    const target = this.target(canary);
    const primary = this.primary(canary);
    if (!target || !primary) {
      const missing = target ? primaryName(canary) : targetName(canary);
      throw new Error(
        `deployment ${missing}.${namespaceOf(canary)} get query error: deployments.apps "${missing}" not found`,
      );
    }
    const [label, value] = selectorLabel(target) ?? ["app", targetName(canary)];
    const template = templateOf(target);
    this.store.update({
      ...primary,
      spec: {
        ...primary.spec,
        ...copySpecFields(target.spec ?? {}),
        template: {
          metadata: {
            labels: primaryLabels(template.metadata?.labels, label, `${value}-primary`),
            annotations: primaryAnnotations(template.metadata?.annotations),
          },
          spec: structuredClone(template.spec ?? {}),
        },
      },
    });
  }

  scaleToZero(canary: Canary): void {
    this.scale(canary, () => 0);
  }

  /** ScaleFromZero: back to the target's own replica count, or 1. */
  scaleFromZero(canary: Canary): void {
    this.scale(canary, (current) => (current > 0 ? current : 1));
  }

  /** hasSpecChanged: a template hash differing from lastAppliedSpec, unless it is the promoted one. */
  hasTargetChanged(canary: Canary): boolean {
    const applied = canary.status?.lastAppliedSpec ?? "";
    if (applied === "") return true;
    const hash = computeHash(this.targetTemplate(canary));
    if (canary.status?.lastPromotedSpec === hash) return false;
    return applied !== hash;
  }

  isPrimaryReady(canary: Canary): Readiness {
    const ns = namespaceOf(canary);
    const primary = this.primary(canary);
    if (!primary) {
      return {
        ready: false,
        retriable: true,
        message: `deployment ${primaryName(canary)}.${ns} get query error: deployments.apps "${primaryName(canary)}" not found`,
      };
    }
    const check = deploymentReadiness(primary, canary.spec.analysis?.primaryReadyThreshold ?? 100);
    return check.ready
      ? check
      : { ...check, message: `${primaryName(canary)}.${ns} not ready: ${check.message}` };
  }

  isCanaryReady(canary: Canary): Readiness {
    const ns = namespaceOf(canary);
    const target = this.target(canary);
    if (!target) {
      return {
        ready: false,
        retriable: true,
        message: `deployment ${targetName(canary)}.${ns} get query error: deployments.apps "${targetName(canary)}" not found`,
      };
    }
    const check = deploymentReadiness(target, canary.spec.analysis?.canaryReadyThreshold ?? 100);
    return check.ready
      ? check
      : { ...check, message: `canary deployment ${targetName(canary)}.${ns} not ready: ${check.message}` };
  }

  /** Whether initialisation must wait for the primary (skipped when the analysis is skipped). */
  primaryGate(canary: Canary): Readiness {
    return skipsAnalysis(canary) ? { ready: true } : this.isPrimaryReady(canary);
  }

  private scale(canary: Canary, replicas: (current: number) => number): void {
    const target = this.target(canary);
    if (!target) return;
    const current = typeof target.spec?.replicas === "number" ? target.spec.replicas : 1;
    const next = replicas(current);
    if (next === target.spec?.replicas) return;
    this.store.update({ ...target, spec: { ...target.spec, replicas: next } });
  }
}

function copySpecFields(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ["progressDeadlineSeconds", "minReadySeconds", "revisionHistoryLimit", "strategy"]) {
    if (spec[field] !== undefined) out[field] = structuredClone(spec[field]);
  }
  return out;
}

/** isDeploymentReady (without the stuck-rollout deadline: demo pods never get stuck). */
function deploymentReadiness(deployment: RawObject, readyThreshold: number): Readiness {
  const status = deployment.status ?? {};
  const n = (v: unknown) => (typeof v === "number" ? v : 0);
  const generation = deployment.metadata.generation ?? 1;
  if (generation > n(status.observedGeneration)) {
    return {
      ready: false,
      retriable: true,
      message: "waiting for rollout to finish: observed deployment generation less than desired generation",
    };
  }
  const desired = typeof deployment.spec?.replicas === "number" ? deployment.spec.replicas : undefined;
  const updated = n(status.updatedReplicas);
  const thresholdReplicas = Math.trunc(updated * (readyThreshold / 100));
  if (desired !== undefined && updated < desired) {
    return {
      ready: false,
      retriable: true,
      message: `waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated`,
    };
  }
  if (n(status.replicas) > updated) {
    return {
      ready: false,
      retriable: true,
      message: `waiting for rollout to finish: ${n(status.replicas) - updated} old replicas are pending termination`,
    };
  }
  if (n(status.availableReplicas) < thresholdReplicas) {
    return {
      ready: false,
      retriable: true,
      message: `waiting for rollout to finish: ${n(status.availableReplicas)} of ${thresholdReplicas} (readyThreshold ${readyThreshold}%) updated replicas are available`,
    };
  }
  return { ready: true };
}
