// Sending an action's patches: merge or JSON patch with the matching Content-Type, to the object or
// its status subresource. Like `kubectl argo rollouts`, a status patch that answers NotFound (a
// controller whose CRD has no status subresource) is sent to the object itself when the plan gives a
// fallback body. 409 Conflicts are retried a few times; everything else becomes a ClusterRequestError.
// Made for an impersonated person, every one of those requests is made as them.
import { type HttpLibrary, HttpMethod, PatchStrategy } from "@kubernetes/client-node";
import type { ObjectTarget, PatchRequest } from "@rollscope/shared";
import type { Actor } from "@rollscope/shared/identity/actor";
import { sendingAs } from "./impersonation";
import { httpStatus, type RequestDescription, toClusterRequestError } from "./kube-errors";
import type { KubeHttp } from "./kube-http";
import type { KubeLogger } from "./kube-logger";
import { collectionPath, describeResource } from "./resource-paths";

export interface PatchExecutorOptions {
  /** Retries after a 409 Conflict (default 5). */
  conflictRetries: number;
  /** Base delay between conflict retries, ms (default 100; grows linearly, with jitter). */
  conflictDelayMs: number;
  /** Recorded in managedFields, so people can see which writes came from Rollscope. */
  fieldManager: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PatchExecutor {
  constructor(
    private readonly http: KubeHttp,
    private readonly logger: KubeLogger,
    private readonly options: PatchExecutorOptions,
  ) {}

  async execute(request: PatchRequest, actor?: Actor): Promise<void> {
    const contentType = request.patchType === "merge" ? PatchStrategy.MergePatch : PatchStrategy.JsonPatch;
    const { target } = request;
    const via = sendingAs(actor);
    const send = (subresource: "status" | undefined, body: unknown) => () =>
      this.send(target, subresource, body, contentType, via);
    try {
      await this.withConflictRetry(send(request.subresource, request.body));
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
        await this.withConflictRetry(send(undefined, fallback));
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

  private send(
    target: ObjectTarget,
    subresource: "status" | undefined,
    body: unknown,
    contentType: string,
    via: HttpLibrary | undefined,
  ) {
    const object = `${collectionPath(target.kind, target.namespace)}/${encodeURIComponent(target.name)}`;
    return this.http.request(HttpMethod.PATCH, subresource ? `${object}/${subresource}` : object, {
      query: { fieldManager: this.options.fieldManager },
      body,
      contentType,
      via,
    });
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
