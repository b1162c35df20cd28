// Saves what Rollscope must send once a Flagger run is over (restore spec.skipAnalysis, close a
// loadtester gate) before the action is acknowledged. The action itself has already been applied, so a
// failed save does not turn it into a failure: it is logged as an error and returned as a warning that
// tells the person what to do by hand.
import type { ActionPlan, ActionRequest, Canary } from "@rollscope/shared";
import { actionLabel } from "@rollscope/shared";
import type { Services } from "../runtime/services";
import type { Target } from "./action-input";

/** Resolves once the follow-up is saved; never rejects. Returns a warning when the save failed. */
export async function saveFollowUp(
  services: Pick<Services, "followUps" | "log">,
  identity: string,
  target: Target,
  plan: ActionPlan,
  canary: Canary,
): Promise<string | undefined> {
  const requests = plan.afterRun ?? [];
  if (requests.length === 0) return undefined;
  const followUp = {
    cluster: target.cluster,
    namespace: target.namespace,
    name: target.name,
    lastAppliedSpec: canary.status?.lastAppliedSpec ?? "",
    requests,
    reason: `after ${actionLabel(plan.action)} by ${identity}`,
  };
  try {
    await services.followUps.add(followUp);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // FollowUps keeps only what it could save, so nobody will send these unless the person does.
    services.log.error(
      { err: error, followUp },
      "could not save a follow-up of an applied action: it will not be sent; the person was told to do it by hand",
    );
    return `${actionLabel(plan.action)} was applied, but Rollscope could not save what it must do once the run is over (${message}), so it will not do it. When the canary has finished, do it yourself: ${requests.map(byHand).join("; ")}.`;
  }
}

/** The same request as a person would make it. */
function byHand(request: ActionRequest): string {
  switch (request.type) {
    case "patch": {
      const { kind, namespace, name } = request.target;
      const status = request.subresource ? " --subresource=status" : "";
      return `kubectl -n ${namespace} patch ${kind.toLowerCase()} ${name}${status} --type ${request.patchType} -p '${JSON.stringify(request.body)}'`;
    }
    case "serviceProxy": {
      const port = request.port !== undefined ? `:${request.port}` : "";
      return `POST ${request.path} with ${JSON.stringify(request.body)} to service ${request.namespace}/${request.service}${port}`;
    }
    case "rollscopeGate":
      return `record "${request.decision}" for ${request.namespace}/${request.name} in Rollscope's gate`;
  }
}
