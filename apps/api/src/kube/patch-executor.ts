// Sending an action's patches: merge or JSON patch with the matching Content-Type, to the object or
// its status subresource. Like `kubectl argo rollouts`, a status patch that answers NotFound (a
// controller whose CRD has no status subresource) is sent to the object itself when the plan gives a
// fallback body. 409 Conflicts are retried a few times; everything else becomes a ClusterRequestError.
// Made for an impersonated person, every one of those requests is made as them.
import { type AppsV1Api, type CustomObjectsApi, PatchStrategy } from "@kubernetes/client-node";
import { kindResources, type ObjectTarget, type PatchRequest } from "@rollscope/shared";
import type { Actor } from "@rollscope/shared/identity/actor";
import { actingAs, type CallOptions } from "./impersonation";
import { httpStatus, type RequestDescription, toClusterRequestError } from "./kube-errors";
import type { KubeLogger } from "./kube-logger";
import { patchOptions } from "./request-options";
import { describeResource } from "./resource-paths";

export interface PatchExecutorOptions {
  /** Retries after a 409 Conflict (default 5). */
  conflictRetries: number;
  /** Base delay between conflict retries, ms (default 100; grows linearly, with jitter). */
  conflictDelayMs: number;
  timeoutMs: number;
  /** Recorded in managedFields, so people can see which writes came from Rollscope. */
  fieldManager: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PatchExecutor {
  constructor(
    private readonly customObjects: CustomObjectsApi,
    private readonly apps: AppsV1Api,
    private readonly logger: KubeLogger,
    private readonly options: PatchExecutorOptions,
  ) {}

  async execute(request: PatchRequest, actor?: Actor): Promise<void> {
    const contentType = request.patchType === "merge" ? PatchStrategy.MergePatch : PatchStrategy.JsonPatch;
    const { target } = request;
    const asActor = actingAs(actor);
    const options = () => asActor(patchOptions(contentType, this.options.timeoutMs));
    try {
      await this.withConflictRetry(() => this.send(target, request.subresource, request.body, options()));
      return;
    } catch (err) {
      const fallback = request.patchType === "merge" ? request.fallbackWithoutSubresource : undefined;
      if (!(request.subresource === "status" && fallback && httpStatus(err) === 404)) {
        throw toClusterRequestError(err, describe(target, request.subresource));
      }
      this.logger.info(
        { kind: target.kind, namespace: target.namespace, name: target.name },
        "status subresource not found; patching the object instead",
      );
      try {
        await this.withConflictRetry(() => this.send(target, undefined, fallback, options()));
      } catch (fallbackErr) {
        throw toClusterRequestError(fallbackErr, describe(target, undefined));
      }
    }
  }

  private async withConflictRetry(send: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await send();
        return;
      } catch (err) {
        if (httpStatus(err) !== 409 || attempt >= this.options.conflictRetries) throw err;
        await sleep(this.options.conflictDelayMs * (attempt + 1) * (0.5 + Math.random() / 2));
      }
    }
  }

  private send(target: ObjectTarget, subresource: "status" | undefined, body: unknown, options: CallOptions) {
    const common = {
      name: target.name,
      namespace: target.namespace,
      body,
      fieldManager: this.options.fieldManager,
    };
    if (target.kind === "Deployment") {
      return subresource === "status"
        ? this.apps.patchNamespacedDeploymentStatus(common, options)
        : this.apps.patchNamespacedDeployment(common, options);
    }
    const { group, version, plural } = kindResources[target.kind];
    const params = { group, version, plural, ...common };
    return subresource === "status"
      ? this.customObjects.patchNamespacedCustomObjectStatus(params, options)
      : this.customObjects.patchNamespacedCustomObject(params, options);
  }
}

function describe(target: ObjectTarget, subresource: "status" | undefined): RequestDescription {
  return {
    verb: "patch",
    resource: describeResource(target.kind, subresource),
    namespace: target.namespace,
    name: target.name,
  };
}
