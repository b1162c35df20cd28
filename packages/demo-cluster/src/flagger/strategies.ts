// The scheduler's moves (pkg/controller/scheduler.go): one step of a weighted canary, an A/B or a
// blue-green iteration, the promotion traffic shift, rollback and the skipAnalysis promotion.
import { type Canary, canaryAnalysis, type IstioRouteWeights, nextStepWeight } from "@rollscope/shared";
import type { CanaryStatusWriter } from "./canary-status";
import type { FlaggerDeploymentController } from "./deployment-controller";
import type { FlaggerEventRecorder } from "./event-recorder";
import { analysisIterations, namespaceOf, primaryName, targetName } from "./flagger-context";
import type { IstioRouter } from "./istio-router";
import type { MetricChecks } from "./metric-checks";
import type { WebhookRunner } from "./webhooks";

export interface SchedulerParts {
  deployments: FlaggerDeploymentController;
  router: IstioRouter;
  status: CanaryStatusWriter;
  events: FlaggerEventRecorder;
  hooks: WebhookRunner;
  checks: MetricChecks;
}

const TOTAL_WEIGHT = 100;

const id = (cd: Canary) => `${cd.metadata.name}.${namespaceOf(cd)}`;
const targetId = (cd: Canary) => `${targetName(cd)}.${namespaceOf(cd)}`;

/** "Copying … template spec", Promote, phase Promoting. */
function promote(p: SchedulerParts, cd: Canary): void {
  p.events.info(cd, `Copying ${targetId(cd)} template spec to ${primaryName(cd)}.${namespaceOf(cd)}`);
  p.deployments.promote(cd);
  p.status.setPhase(cd, "Promoting", analysisIterations(cd));
}

export async function runCanary(
  p: SchedulerParts,
  cd: Canary,
  routes: IstioRouteWeights,
  maxWeight: number,
): Promise<void> {
  let { primaryWeight, canaryWeight, mirrored } = routes;
  if (canaryWeight < maxWeight) {
    const step = nextStepWeight(cd, canaryWeight);
    // Mirror mode spends one step mirroring before any traffic shifts.
    if (canaryAnalysis(cd).mirror && canaryWeight === 0) {
      if (!mirrored) {
        mirrored = true;
        primaryWeight = TOTAL_WEIGHT;
      } else {
        mirrored = false;
        primaryWeight = TOTAL_WEIGHT - step;
        canaryWeight = step;
      }
    } else {
      primaryWeight = Math.max(0, primaryWeight - step);
      canaryWeight = Math.min(TOTAL_WEIGHT, canaryWeight + step);
    }
    p.router.setRoutes(cd, primaryWeight, canaryWeight, mirrored);
    p.status.setWeight(cd, canaryWeight);
    p.events.info(cd, `Advance ${id(cd)} canary weight ${canaryWeight}`);
    return;
  }
  if (!(await p.hooks.confirmPromotion(cd))) return;
  promote(p, cd);
}

export async function runAB(p: SchedulerParts, cd: Canary): Promise<void> {
  const iterations = analysisIterations(cd);
  const done = cd.status?.iterations ?? 0;
  if (iterations > done) {
    p.router.setRoutes(cd, 0, TOTAL_WEIGHT, false);
    p.status.setIterations(cd, done + 1);
    p.events.info(cd, `Advance ${id(cd)} canary iteration ${done + 1}/${iterations}`);
    return;
  }
  if (!(await p.hooks.confirmPromotion(cd))) return;
  if (iterations === done) promote(p, cd);
}

export async function runBlueGreen(p: SchedulerParts, cd: Canary, mirrored: boolean): Promise<void> {
  const iterations = analysisIterations(cd);
  const done = cd.status?.iterations ?? 0;
  const analysis = canaryAnalysis(cd);
  if (iterations > done) {
    if (analysis.mirror && !mirrored) p.router.setRoutes(cd, TOTAL_WEIGHT, 0, true);
    p.status.setIterations(cd, done + 1);
    p.events.info(cd, `Advance ${id(cd)} canary iteration ${done + 1}/${iterations}`);
    return;
  }
  if (!(await p.hooks.confirmPromotion(cd))) return;
  if (iterations === done) {
    p.events.info(
      cd,
      analysis.mirror
        ? "Stop traffic mirroring and route all traffic to canary"
        : "Routing all traffic to canary",
    );
    p.router.setRoutes(cd, 0, TOTAL_WEIGHT, false);
    p.status.setIterations(cd, done + 1);
    return;
  }
  if (iterations < done) promote(p, cd);
}

/** Promoting: all traffic back to the primary at once, or by stepWeightPromotion. */
export function runPromotionTrafficShift(p: SchedulerParts, cd: Canary, routes: IstioRouteWeights): void {
  const step = canaryAnalysis(cd).stepWeightPromotion ?? 0;
  if (step <= 0) {
    p.events.info(cd, "Routing all traffic to primary");
    p.router.setRoutes(cd, TOTAL_WEIGHT, 0, false);
    p.status.setPhase(cd, "Finalising", analysisIterations(cd));
    return;
  }
  if (routes.canaryWeight <= 0) return;
  const primaryWeight = Math.min(TOTAL_WEIGHT, routes.primaryWeight + step);
  const canaryWeight = Math.max(0, routes.canaryWeight - step);
  p.router.setRoutes(cd, primaryWeight, canaryWeight, false);
  p.events.info(cd, `Advance ${id(cd)} primary weight ${primaryWeight}`);
  if (primaryWeight === TOTAL_WEIGHT) p.status.setPhase(cd, "Finalising", analysisIterations(cd));
  else p.status.setWeight(cd, canaryWeight);
}

/** Finalising → Succeeded. */
export async function finalise(p: SchedulerParts, cd: Canary): Promise<void> {
  p.deployments.scaleToZero(cd);
  p.status.setPhase(cd, "Succeeded", analysisIterations(cd));
  await p.hooks.postRollout(cd, "Succeeded");
  p.events.info(cd, `Promotion completed! Scaling down ${targetId(cd)}`);
}

export async function rollback(p: SchedulerParts, cd: Canary, threshold: number): Promise<void> {
  const failedChecks = cd.status?.failedChecks ?? 0;
  if (failedChecks >= threshold) {
    p.events.warning(cd, `Rolling back ${id(cd)} failed checks threshold reached ${failedChecks}`);
  }
  p.router.setRoutes(cd, TOTAL_WEIGHT, 0, false);
  // The event is recorded on a copy already marked Failed.
  p.events.warning(
    { ...cd, status: { ...cd.status, phase: "Failed" } },
    `Canary failed! Scaling down ${id(cd)}`,
  );
  p.deployments.scaleToZero(cd);
  // SyncStatus resets failedChecks and iterations along with the weight.
  p.status.syncStatus(cd, { phase: "Failed", canaryWeight: 0 }, p.deployments.targetTemplate(cd));
  await p.hooks.postRollout(cd, "Failed");
}

/** spec.skipAnalysis: promote at once and go straight to Succeeded. */
export function promoteSkippingAnalysis(p: SchedulerParts, cd: Canary): void {
  p.router.setRoutes(cd, TOTAL_WEIGHT, 0, false);
  p.events.info(cd, `Copying ${targetId(cd)} template spec to ${targetName(cd)}-primary.${namespaceOf(cd)}`);
  p.deployments.promote(cd);
  p.deployments.scaleToZero(cd);
  p.status.setPhase(cd, "Succeeded", analysisIterations(cd));
  p.events.info(cd, `Promotion completed! Canary analysis was skipped for ${targetId(cd)}`);
}
