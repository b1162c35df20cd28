import { describe, expect, it } from "vitest";
import { PrometheusClient } from "./prometheus-client";

function fakeFetch(body: unknown, status = 200) {
  const calls: string[] = [];
  const fn = (async (url: string) => {
    calls.push(url);
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe("Prometheus client", () => {
  it("reads vectors and matrices, and shares identical queries", async () => {
    const matrix = fakeFetch({
      status: "success",
      data: {
        resultType: "matrix",
        result: [
          {
            metric: { a: "b" },
            values: [
              [100, "0.5"],
              [115, "NaN"],
            ],
          },
        ],
      },
    });
    const client = new PrometheusClient("http://prom:9090/", { fetch: matrix.fn });
    const [a, b] = await Promise.all([client.range("up", 101, 199, 15), client.range("up", 102, 198, 15)]);
    expect(a).toEqual({
      ok: true,
      value: [
        {
          labels: { a: "b" },
          points: [
            [100, 0.5],
            [115, Number.NaN],
          ],
        },
      ],
    });
    expect(b).toEqual(a);
    expect(matrix.calls).toHaveLength(1);
    expect(matrix.calls[0]).toBe("http://prom:9090/api/v1/query_range?query=up&start=90&end=210&step=15");
  });

  it("looks up Node's fetch at the first query, not when made", async () => {
    const real = Object.getOwnPropertyDescriptor(globalThis, "fetch");
    const answer = fakeFetch({ status: "success", data: { resultType: "vector", result: [] } });
    let lookups = 0;
    Object.defineProperty(globalThis, "fetch", {
      configurable: true,
      get: () => {
        lookups++;
        return answer.fn;
      },
    });
    try {
      const client = new PrometheusClient("http://prom:9090");
      expect(lookups).toBe(0);
      expect(await client.instant("up")).toEqual({ ok: true, value: [] });
      expect(lookups).toBe(1);
      expect(answer.calls).toHaveLength(1);
    } finally {
      if (real) Object.defineProperty(globalThis, "fetch", real);
    }
  });

  it("turns errors into values a panel can show", async () => {
    const rejected = new PrometheusClient("http://prom", {
      fetch: fakeFetch({ status: "error", errorType: "bad_data", error: "parse error at char 3" }, 400).fn,
    });
    expect(await rejected.instant("sum(")).toEqual({
      ok: false,
      error: "Prometheus rejected the query: parse error at char 3",
    });
    const down = new PrometheusClient("http://127.0.0.1:9", { timeoutMs: 2000 });
    const result = await down.instant("up");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:9 could not be reached/);
  });
});
