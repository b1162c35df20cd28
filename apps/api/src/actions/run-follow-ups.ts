// Watches deliveries and carries out follow-ups once their Flagger run is over.
import type { Services } from "../runtime/services";
import { fromClusterError } from "./action-errors";

export function runFollowUps(services: Services): () => void {
  return services.clusters.onDeliveryChanges((changes) => {
    for (const delivery of changes.upserted) {
      if (delivery.controller !== "flagger") continue;
      for (const followUp of services.followUps.due(delivery)) {
        void (async () => {
          const source = services.clusters.get(followUp.cluster)?.source;
          const base = {
            id: services.audit.newId(),
            identity: "rollscope",
            cluster: followUp.cluster,
            object: { kind: "Canary", namespace: followUp.namespace, name: followUp.name },
            action: "followUp",
            description: `Follow-up ${followUp.reason}`,
            requests: followUp.requests,
          };
          try {
            for (const request of followUp.requests) {
              if (request.type !== "rollscopeGate") await source?.execute(request);
            }
            await services.audit.append({ ...base, result: "succeeded" });
          } catch (error) {
            await services.audit.append({
              ...base,
              result: "failed",
              error: fromClusterError(error).message,
            });
            services.log.warn({ err: error, followUp }, "follow-up failed");
          }
        })();
      }
    }
  });
}
