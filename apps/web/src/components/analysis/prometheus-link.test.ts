import { describe, expect, it } from "vitest";
import { prometheusGraphUrl, prometheusLink } from "./prometheus-link";

const query = 'sum(rate(istio_requests_total{reporter="source",response_code!~"5.*"}[2m]))';
const encoded =
  "sum(rate(istio_requests_total%7Breporter%3D%22source%22%2Cresponse_code!~%225.*%22%7D%5B2m%5D))";

describe("prometheusGraphUrl", () => {
  it.each([
    [
      "a plain base URL",
      "http://prometheus:9090",
      `http://prometheus:9090/graph?g0.expr=${encoded}&g0.tab=0&g0.range_input=1h`,
    ],
    [
      "a trailing slash",
      "http://prometheus:9090/",
      `http://prometheus:9090/graph?g0.expr=${encoded}&g0.tab=0&g0.range_input=1h`,
    ],
    [
      "a path prefix (behind a proxy)",
      "https://ops.example.com/prometheus//",
      `https://ops.example.com/prometheus/graph?g0.expr=${encoded}&g0.tab=0&g0.range_input=1h`,
    ],
  ])("%s", (_name, base, expected) => {
    expect(prometheusGraphUrl(base, query)).toBe(expected);
  });

  it("survives the round trip through URLSearchParams, newlines included", () => {
    const multiline = `${query}\n/\nsum(rate(istio_requests_total[2m]))`;
    const url = new URL(prometheusGraphUrl("http://prometheus:9090", multiline));
    expect(url.searchParams.get("g0.expr")).toBe(multiline);
    expect(url.searchParams.get("g0.range_input")).toBe("1h");
  });
});

describe("prometheusLink", () => {
  const up = { available: true as const, url: "http://127.0.0.1:9090" };
  it.each<[string, Parameters<typeof prometheusLink>[0], string | undefined, boolean]>([
    ["available with a query", up, ` ${query}\n`, true],
    ["unavailable", { available: false, reason: "No Prometheus is configured" }, query, false],
    ["not loaded yet", undefined, query, false],
    ["no query (a web or job metric)", up, undefined, false],
    ["a blank query", up, "  ", false],
  ])("%s", (_name, prometheus, q, expected) => {
    const link = prometheusLink(prometheus, q);
    expect(link !== undefined).toBe(expected);
    if (link) expect(link).toBe(prometheusGraphUrl(up.url, query));
  });
});
