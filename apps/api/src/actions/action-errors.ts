// Refusals and failures of an action, as request-level errors a person can act on.

import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import { TRPCError } from "@trpc/server";

export function refused(code: TRPCError["code"], message: string): TRPCError {
  return new TRPCError({ code, message });
}

const codeByClusterError: Record<ClusterRequestError["code"], TRPCError["code"]> = {
  Forbidden: "FORBIDDEN",
  NotFound: "NOT_FOUND",
  Conflict: "CONFLICT",
  Invalid: "UNPROCESSABLE_CONTENT",
  Unavailable: "SERVICE_UNAVAILABLE",
  ReadOnly: "FORBIDDEN",
};

export function fromClusterError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ClusterRequestError)
    return new TRPCError({ code: codeByClusterError[error.code], message: error.message, cause: error });
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: `The action failed: ${(error as Error).message}`,
    cause: error,
  });
}
