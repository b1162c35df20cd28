// Links into Prometheus' own graph page for a query, so a person can explore beyond what we draw.

/** Prometheus' /graph page for `query` over the last hour, under the server's base URL (may have a path). */
export function prometheusGraphUrl(baseUrl: string, query: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}/graph?g0.expr=${encodeURIComponent(query)}&g0.tab=0&g0.range_input=1h`;
}

/** The link when Prometheus is available and there is a query; undefined otherwise. */
export function prometheusLink(
  prometheus: { available: true; url: string } | { available: false; reason: string } | undefined,
  query: string | undefined,
): string | undefined {
  if (!prometheus?.available || !query?.trim()) return undefined;
  return prometheusGraphUrl(prometheus.url, query.trim());
}
