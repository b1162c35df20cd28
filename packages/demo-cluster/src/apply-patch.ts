// PATCH bodies applied as the API server applies them: JSON merge patch (RFC 7386) and JSON patch
// (RFC 6902). A JSON patch that does not validate or apply is rejected with 422 Invalid. Shared by
// the demo's store and the api's fake API server.
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import fastJsonPatch, { type Operation } from "fast-json-patch";
import mergePatch from "json-merge-patch";

export type PatchType = "merge" | "json";

/** The patched copy of `object`; neither argument is changed. */
export function applyPatch<T>(object: T, patchType: PatchType, body: unknown): T {
  if (patchType === "merge") return mergePatch.apply(structuredClone(object), structuredClone(body)) as T;
  const ops = body as Operation[];
  const invalid = fastJsonPatch.validate(ops, structuredClone(object));
  if (invalid) throw rejected(invalid.message);
  try {
    return fastJsonPatch.applyPatch(structuredClone(object), structuredClone(ops), true, false).newDocument;
  } catch (error) {
    throw rejected((error as Error).message);
  }
}

const rejected = (why: string) =>
  new ClusterRequestError(`the JSON patch was rejected: ${why}`, "Invalid", 422);
