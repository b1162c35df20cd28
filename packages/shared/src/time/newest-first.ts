// Timestamps from Kubernetes (seconds: "…:08Z"; Events' eventTime: microseconds) and from Rollscope
// (milliseconds: "…:08.500Z") side by side: compared as strings, "…:08Z" sorts after "…:08.500Z"
// although it is earlier. Compare instants instead.

const instant = (iso: string | null | undefined): number => {
  const t = Date.parse(iso ?? "");
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/** A sort comparator: newest first by instant, whatever the precision; unparseable times last. */
export function newestFirst(a: string | null | undefined, b: string | null | undefined): number {
  const ta = instant(a);
  const tb = instant(b);
  return ta === tb ? 0 : tb > ta ? 1 : -1;
}
