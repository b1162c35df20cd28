// A Prometheus answer too large to read reaches every panel of the delivery as its reason for being
// empty (the web app shows it as "Canary query failed: …" above the empty chart).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { flaggerMetricDetails } from "@rollscope/shared";
import { PrometheusClient } from "@rollscope/shared/prometheus/prometheus-client";
import { flaggerCanary } from "@rollscope/shared/testing/builders";
import { afterEach, describe, expect, it } from "vitest";
import { flaggerSeries } from "./delivery-series";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A Prometheus that answers every query with a few MiB of samples, streamed without Content-Length. */
async function floodingPrometheus(): Promise<string> {
  const samples = Buffer.from('[1700000000,"0.5"],'.repeat(50_000));
  const flooding = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[');
    let left = 4;
    const pump = () => {
      while (left-- > 0) if (!res.write(samples)) return void res.once("drain", pump);
      res.end('[1700000001,"0.5"]]}]}}');
    };
    pump();
  });
  server = flooding;
  await new Promise<void>((resolve) => flooding.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(flooding.address() as AddressInfo).port}`;
}

describe("delivery series from a Prometheus answering too much", () => {
  it("gives each metric panel and the traffic chart the reason they are empty", async () => {
    const client = new PrometheusClient(await floodingPrometheus(), { maxAnswerBytes: 1024 * 1024 });
    const canary = flaggerCanary();
    const details = flaggerMetricDetails(canary, []);
    const series = await flaggerSeries(client, canary, details, Date.now(), 3600);

    const reason = {
      ok: false,
      error:
        "Prometheus answered more than 1 MiB for this query; narrow it (fewer series or a shorter range)",
    };
    expect(series.metrics.length).toBeGreaterThan(0);
    for (const metric of series.metrics) {
      expect(metric.canary).toEqual(reason);
      if (metric.stableQuery) expect(metric.stable).toEqual(reason);
    }
    expect(series.traffic?.canaryShare).toEqual(reason);
  });
});
