// Watches deliveries and carries out follow-ups once their Flagger run is over, with the same record
// as a person's action: the audit entry is written before anything is sent and again with the result,
// and the canary gets a Kubernetes Event saying what Rollscope did and on whose behalf.
import type { ActionRequest, Delivery } from "@rollscope/shared";
import type { Services } from "../runtime/services";
import { fromClusterError } from "./action-errors";
import type { FollowUp } from "./follow-ups";

export function runFollowUps(services: Services): () => void {
  if (services.config.readOnly) {
    // Read-only means no writes at all; the follow-ups stay saved for a run that may write.
    services.followUps
      .list()
      .then((pending) => {
        if (pending.length > 0)
          services.log.warn(
            { followUps: pending.map((f) => `${f.cluster}/${f.namespace}/${f.name}: ${f.reason}`) },
            "read-only mode: follow-ups saved by an earlier run are kept but not sent",
          );
      })
      .catch((error: unknown) => services.log.error({ err: error }, "could not read the saved follow-ups"));
    return () => {};
  }
  const check = (delivery: Delivery) => {
    // One replica acts: the writer. The claim in due() keeps a follow-up from being sent twice even
    // while the lease changes hands.
    if (delivery.controller !== "flagger" || !services.writer.isHeld) return;
    services.followUps
      .due(delivery)
      .then((due) => {
        for (const followUp of due)
          carryOut(services, followUp).catch((error: unknown) =>
            services.log.error({ err: error, followUp: followUp.id }, "a follow-up could not be carried out"),
          );
      })
      .catch((error: unknown) =>
        services.log.error(
          { err: error, delivery: delivery.ref },
          "could not check the follow-ups of a delivery; they are checked again at its next change",
        ),
      );
  };
  const stopWatching = services.clusters.onDeliveryChanges((changes) => {
    for (const delivery of changes.upserted) check(delivery);
  });
  // A replica that becomes the writer catches up on runs that ended while another one was (or none was).
  const stopListening = services.writer.onChange((held) => {
    if (!held) return;
    for (const cluster of services.clusters.list())
      for (const delivery of cluster.index.list()) check(delivery);
  });
  return () => {
    stopWatching();
    stopListening();
  };
}

/** One line per request, as a person reads it in the audit log and the Event. */
function describeRequest(request: ActionRequest): string {
  switch (request.type) {
    case "patch": {
      const sub = request.subresource ? `/${request.subresource}` : "";
      return `patch ${request.target.kind}${sub} ${request.target.namespace}/${request.target.name} ${JSON.stringify(request.body)}`;
    }
    case "serviceProxy":
      return `POST ${request.path} on service ${request.namespace}/${request.service}`;
    case "rollscopeGate":
      return `record ${request.decision} in Rollscope's gate`;
  }
}

async function carryOut(services: Services, followUp: FollowUp): Promise<void> {
  const source = services.clusters.get(followUp.cluster)?.source;
  const object = { kind: "Canary", namespace: followUp.namespace, name: followUp.name };
  const description = `Follow-up ${followUp.reason}: ${followUp.requests.map(describeRequest).join("; ")}`;
  const entry = {
    id: services.audit.newId(),
    identity: "rollscope",
    cluster: followUp.cluster,
    object,
    action: "followUp",
    description,
    requests: followUp.requests,
  };
  await services.audit.append({ ...entry, result: "started" });
  try {
    if (!source) throw new Error(`cluster ${followUp.cluster} is no longer watched`);
    for (const request of followUp.requests) {
      if (request.type !== "rollscopeGate") await source.execute(request);
    }
    await services.audit.append({ ...entry, result: "succeeded" });
    await source.recordEvent({
      ...object,
      reason: "RollscopeFollowUp",
      message: description,
      type: "Normal",
    });
  } catch (error) {
    const message = fromClusterError(error).message;
    await services.audit.append({ ...entry, result: "failed", error: message });
    services.log.warn({ err: error, followUp }, "follow-up failed");
    await source?.recordEvent({
      ...object,
      reason: "RollscopeFollowUpFailed",
      message: `${description} failed: ${message}`,
      type: "Warning",
    });
  }
}
