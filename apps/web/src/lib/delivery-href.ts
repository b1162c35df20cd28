import type { DeliveryRef } from "@rollscope/shared";

const kinds = { rollout: "Rollout", canary: "Canary" } as const;

/** The stable deep link of a delivery. */
export function deliveryHref(r: { cluster: string; kind: string; namespace: string; name: string }): string {
  return `/d/${encodeURIComponent(r.cluster)}/${r.kind.toLowerCase()}/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`;
}

/**
 * The segment value the delivery page is exported for: the page is built once, at
 * /d/_/_/_/_, and served for every delivery's address (the API maps /d/… to it).
 */
export const deliveryPagePlaceholder = "_";

/** The delivery a /d/… address names, or undefined when it names none. */
export function deliveryTargetOfPath(path: string): DeliveryRef | undefined {
  const parts = path.split("/");
  if (parts.length !== 6 || parts[0] !== "" || parts[1] !== "d") return undefined;
  const kind = kinds[(parts[3] ?? "").toLowerCase() as keyof typeof kinds];
  if (!kind) return undefined;
  try {
    const [cluster, namespace, name] = [parts[2], parts[4], parts[5]].map((s) => decodeURIComponent(s ?? ""));
    if (!cluster || !namespace || !name) return undefined;
    return { cluster, kind, namespace, name };
  } catch {
    return undefined;
  }
}
