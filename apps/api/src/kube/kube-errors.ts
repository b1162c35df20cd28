// Turning what client-node throws (ApiException, watch errors with statusCode, node-fetch network
// errors) into messages a person can act on: for RBAC, the verb and resource that were denied.
import { ApiException } from "@kubernetes/client-node";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import { WatchRefused } from "./watch-stream";

/** What was being attempted, e.g. `{ verb: "patch", resource: "rollouts.argoproj.io/status", namespace: "shop" }`. */
export interface RequestDescription {
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export function httpStatus(err: unknown): number | undefined {
  if (err instanceof ApiException) return err.code;
  const e = err as { statusCode?: unknown; code?: unknown } | null;
  if (typeof e?.statusCode === "number") return e.statusCode;
  if (typeof e?.code === "number") return e.code;
  return undefined;
}

/** The API server's own explanation: `Status.message` of a JSON body, else the body text. */
export function serverMessage(err: unknown): string | undefined {
  if (!(err instanceof ApiException || err instanceof WatchRefused)) return undefined;
  const body: unknown = err.body;
  let text: string | undefined;
  if (typeof body === "string") {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      text = typeof parsed.message === "string" ? parsed.message : body;
    } catch {
      text = body;
    }
  } else if (
    typeof body === "object" &&
    body !== null &&
    typeof (body as { message?: unknown }).message === "string"
  ) {
    text = (body as { message: string }).message;
  }
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, 1_000) : undefined;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function scope(what: RequestDescription): string {
  return what.namespace ? `in namespace ${what.namespace}` : "cluster-wide";
}

/** A request-level failure as a ClusterRequestError with a code the UI can branch on. */
export function toClusterRequestError(err: unknown, what: RequestDescription): ClusterRequestError {
  if (err instanceof ClusterRequestError) return err;
  const status = httpStatus(err);
  const detail = serverMessage(err);
  const object = what.name
    ? `${what.resource} ${what.namespace ? `${what.namespace}/` : ""}${what.name}`
    : what.resource;
  switch (status) {
    case undefined:
      return new ClusterRequestError(`cannot reach the API server: ${errorText(err)}`, "Unavailable");
    case 401:
      return new ClusterRequestError(
        `unauthorized: the API server rejected Rollscope's credentials (${what.verb} ${what.resource})`,
        "Forbidden",
        401,
      );
    case 403:
      // Refused before the request itself was judged: Rollscope may not act as this person.
      if (detail && /cannot impersonate/.test(detail)) {
        return new ClusterRequestError(
          `forbidden: Rollscope may not act as this person (grant its service account impersonate; see deploy/kubernetes/rbac-oidc.yaml): ${detail}`,
          "Forbidden",
          403,
        );
      }
      return new ClusterRequestError(
        `forbidden: cannot ${what.verb} ${what.resource} ${scope(what)}`,
        "Forbidden",
        403,
      );
    case 404:
      return new ClusterRequestError(detail ?? `${object} not found`, "NotFound", 404);
    case 409:
      return new ClusterRequestError(
        `conflict: ${detail ?? `${object} was modified concurrently`}`,
        "Conflict",
        409,
      );
    case 400:
    case 422:
      return new ClusterRequestError(
        detail ?? `the API server rejected the ${what.verb} of ${object}`,
        "Invalid",
        status,
      );
    default:
      return new ClusterRequestError(
        `the API server answered ${status} to ${what.verb} ${object}${detail ? `: ${detail}` : ""}`,
        "Unavailable",
        status,
      );
  }
}

export interface WatchFailure {
  message: string;
  /** Will not heal by retrying alone (credentials or RBAC): the cluster is in `error`. */
  fatal: boolean;
  status?: number;
}

/** A list/watch failure of an informer, for health and logs. */
export function describeWatchFailure(err: unknown, what: RequestDescription): WatchFailure {
  const status = httpStatus(err);
  if (status === 401 || status === 403) {
    return { message: toClusterRequestError(err, what).message, fatal: true, status };
  }
  if (status === undefined)
    return { message: `connection to the API server failed: ${errorText(err)}`, fatal: false };
  const detail = serverMessage(err) ?? errorText(err);
  return {
    message: `${what.verb} ${what.resource} ${scope(what)} failed (${status}): ${detail}`,
    fatal: false,
    status,
  };
}
