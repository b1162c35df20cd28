// A measured value as the analysis shows it everywhere: summaries, axes, tooltips and tables.

/** At most 4 significant digits, without trailing zeros; "—" for none, ±Inf for infinities. */
export function formatValue(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return "—";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  if (Math.abs(v) >= 10_000) return String(Math.round(v));
  return String(Number(v.toPrecision(4)));
}
