// An API server prunes fields its CRD does not declare (older controllers wrote a few that v1.10 no
// longer has, e.g. status.canary.stableRS); the object it serves then lacks them. The oracle reports each
// as `unknown field "<path>" would be dropped by the API server`; this drops them the same way, so a
// base case is what a cluster would hold rather than left out.
import type { KubeObject } from "./kube-object";

const unknownField = /^unknown field "(.+)" would be dropped by the API server$/;

/** The paths of the errors when every error is a pruned field; undefined when any is a real error. */
export function prunedPaths(errors: string[]): string[] | undefined {
  const paths = errors.map((e) => unknownField.exec(e)?.[1]);
  return paths.every((p): p is string => p !== undefined) ? paths : undefined;
}

/** `a.b[2].c` → ["a", "b", 2, "c"] */
function segments(path: string): Array<string | number> {
  return path.split(".").flatMap((part) => {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    const indexes = [...(m[2] ?? "").matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    return [...(m[1] ? [m[1]] : []), ...indexes];
  });
}

export function dropPath(object: KubeObject, path: string): void {
  const parts = segments(path);
  let at: unknown = object;
  for (const part of parts.slice(0, -1)) {
    if (at === null || typeof at !== "object") return;
    at = (at as Record<string | number, unknown>)[part];
  }
  const last = parts[parts.length - 1];
  if (at !== null && typeof at === "object" && last !== undefined)
    delete (at as Record<string | number, unknown>)[last];
}
