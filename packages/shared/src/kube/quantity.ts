// Kubernetes resource quantities as Go's resource.ParseQuantity accepts them. A pod template with a
// quantity it refuses still passes a CRD whose schema says only "int or string", but every typed Go
// client (the Argo Rollouts controller, its kubectl plugin) then fails to decode the whole object.
import type { ObjectIssue } from "../schemas/parse";

const suffixes = new Set([
  "",
  "Ki",
  "Mi",
  "Gi",
  "Ti",
  "Pi",
  "Ei",
  "n",
  "u",
  "m",
  "k",
  "M",
  "G",
  "T",
  "P",
  "E",
]);

/** True when Go's resource.ParseQuantity accepts `value` (a JSON number or a string). */
export function isQuantity(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "string") return false;
  const m = /^[+-]?(\d*)(?:\.(\d*))?(.*)$/.exec(value);
  if (!m) return false;
  const [, whole = "", fraction = "", suffix = ""] = m;
  if (whole === "" && fraction === "") return false; // no digits at all
  if (suffixes.has(suffix)) return true;
  return /^[eE][+-]?\d+$/.test(suffix); // a decimal exponent, e.g. 1e3
}

interface ContainerLike {
  name?: unknown;
  resources?: { requests?: unknown; limits?: unknown } | null;
}

const containerLists = ["initContainers", "containers", "ephemeralContainers"] as const;

/** Every resource quantity of a pod template's containers that Go's typed clients cannot decode. */
export function undecodableQuantities(template: unknown, at: string): ObjectIssue[] {
  const spec = (template as { spec?: Record<string, unknown> } | null | undefined)?.spec;
  if (!spec || typeof spec !== "object") return [];
  const issues: ObjectIssue[] = [];
  for (const list of containerLists) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const [i, container] of (containers as ContainerLike[]).entries()) {
      for (const kind of ["requests", "limits"] as const) {
        const quantities = container?.resources?.[kind];
        if (!quantities || typeof quantities !== "object") continue;
        for (const [resource, value] of Object.entries(quantities)) {
          if (isQuantity(value)) continue;
          issues.push({
            path: `${at}.spec.${list}[${i}].resources.${kind}.${resource}`,
            message: `is ${JSON.stringify(value)}, not a Kubernetes quantity: Argo Rollouts' controller and kubectl plugin cannot decode this object`,
          });
        }
      }
    }
  }
  return issues;
}
