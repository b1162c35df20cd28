// Rollscope's actions, recorded as core/v1 Events on the objects they touched, so `kubectl describe`
// and other dashboards show them too. Best effort: RBAC may forbid creating Events, and the audit log
// is the record that counts, so failures are logged, never thrown.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { CoreV1Api } from "@kubernetes/client-node";
import { isKnownKind } from "@rollscope/shared";
import type { ClusterSource } from "../cluster/cluster-source";
import { toClusterRequestError } from "./kube-errors";
import type { KubeLogger } from "./kube-logger";
import { timeoutOptions } from "./request-options";
import { apiVersionOf } from "./resource-paths";

export type RecordedEvent = Parameters<ClusterSource["recordEvent"]>[0];

export const eventComponent = "rollscope";

export class EventRecorder {
  constructor(
    private readonly core: CoreV1Api,
    private readonly logger: KubeLogger,
    private readonly timeoutMs: number,
    private readonly host: string = hostname(),
  ) {}

  async record(event: RecordedEvent): Promise<void> {
    const now = new Date();
    // Unique per occurrence, like client-go's recorder (`<object>.<hex time>`).
    const suffix = `${now.getTime().toString(16)}${randomBytes(3).toString("hex")}`;
    try {
      await this.core.createNamespacedEvent(
        {
          namespace: event.namespace,
          body: {
            metadata: { name: `${event.name}.${suffix}`, namespace: event.namespace },
            involvedObject: {
              ...(isKnownKind(event.kind) ? { apiVersion: apiVersionOf(event.kind) } : {}),
              kind: event.kind,
              name: event.name,
              namespace: event.namespace,
              ...(event.uid ? { uid: event.uid } : {}),
            },
            reason: event.reason,
            message: event.message,
            type: event.type,
            count: 1,
            firstTimestamp: now,
            lastTimestamp: now,
            source: { component: eventComponent, host: this.host },
            reportingComponent: eventComponent,
            reportingInstance: this.host,
          },
        },
        timeoutOptions(this.timeoutMs),
      );
    } catch (err) {
      const failure = toClusterRequestError(err, {
        verb: "create",
        resource: "events",
        namespace: event.namespace,
      });
      this.logger.warn(
        {
          kind: event.kind,
          namespace: event.namespace,
          name: event.name,
          reason: event.reason,
          code: failure.code,
        },
        `could not record event: ${failure.message}`,
      );
    }
  }
}
