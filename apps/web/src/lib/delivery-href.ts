/** The stable deep link of a delivery. */
export function deliveryHref(r: { cluster: string; kind: string; namespace: string; name: string }): string {
  return `/d/${encodeURIComponent(r.cluster)}/${r.kind.toLowerCase()}/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`;
}
