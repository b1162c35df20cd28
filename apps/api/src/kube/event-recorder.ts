// Rollscope's actions, recorded as core/v1 Events on the objects they touched, so `kubectl describe`
// and other dashboards show them too. Best effort: RBAC may forbid creating Events, and the audit log
// is the record that counts, so failures are logged, never thrown.
import { hostname } from "node:os";
import { HttpMethod } from "@kubernetes/client-node";
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import { actionEvent, eventNameSuffix } from "@rollscope/shared/kube/kube-event";
import { toClusterRequestError } from "./kube-errors";
import type { KubeHttp } from "./kube-http";
import type { KubeLogger } from "./kube-logger";

export type RecordedEvent = Parameters<ClusterSource["recordEvent"]>[0];

export class EventRecorder {
  constructor(
    private readonly http: KubeHttp,
    private readonly logger: KubeLogger,
    private readonly host: string = hostname(),
  ) {}

  async record(event: RecordedEvent): Promise<void> {
    const now = new Date();
    try {
      await this.http.request(
        HttpMethod.POST,
        `/api/v1/namespaces/${encodeURIComponent(event.namespace)}/events`,
        {
          body: actionEvent(event, now, eventNameSuffix(now), this.host),
        },
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
