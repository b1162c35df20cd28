import { describe, expect, it } from "vitest";
import { DemoLoadtester } from "../flagger/loadtester";
import { argoMyapp, flaggerPodinfo, meshWith, parseExposition } from "./mesh-fixtures";

type Sample = ReturnType<typeof parseExposition>[number];

const requests = (samples: Sample[], where: Record<string, string>) =>
  samples
    .filter(
      (s) => s.name === "istio_requests_total" && Object.entries(where).every(([k, v]) => s.labels[k] === v),
    )
    .reduce((sum, s) => sum + s.value, 0);

describe("MeshSimulator", () => {
  it("splits a Flagger canary's traffic by the VirtualService weights, with Istio's labels", () => {
    const { clock, mesh } = meshWith(
      flaggerPodinfo({
        primaryImage: "ghcr.io/stefanprodan/podinfo:6.0.0",
        canaryImage: "ghcr.io/stefanprodan/podinfo:6.0.1",
        weights: [80, 20],
      }),
    );
    clock.advance(120_000);
    mesh.tick();
    const samples = parseExposition(mesh.exposition());
    const canary = requests(samples, { reporter: "destination", destination_workload: "podinfo" });
    const primary = requests(samples, { reporter: "destination", destination_workload: "podinfo-primary" });
    expect(canary + primary).toBeGreaterThan(5000);
    expect(canary / (canary + primary)).toBeGreaterThan(0.16);
    expect(canary / (canary + primary)).toBeLessThan(0.24);
    // The client sidecar counts the same requests.
    expect(requests(samples, { reporter: "source", destination_workload: "podinfo" })).toBe(canary);

    const line = samples.find(
      (s) => s.name === "istio_requests_total" && s.labels.destination_workload === "podinfo",
    );
    expect(line?.labels).toMatchObject({
      destination_workload_namespace: "test",
      destination_service: "podinfo-canary.test.svc.cluster.local",
      destination_service_name: "podinfo-canary",
      destination_service_namespace: "test",
      destination_app: "podinfo",
      destination_canonical_service: "podinfo",
      destination_canonical_revision: "latest",
      destination_version: "unknown",
      source_workload: "istio-ingressgateway",
      source_workload_namespace: "istio-system",
      request_protocol: "http",
      response_flags: "-",
    });
    expect(["source", "destination"]).toContain(line?.labels.reporter);
    expect(line?.labels.response_code).toMatch(/^[25]\d\d$/);
    const primaryLine = samples.find(
      (s) => s.name === "istio_requests_total" && s.labels.destination_workload === "podinfo-primary",
    );
    expect(primaryLine?.labels.destination_service).toBe("podinfo-primary.test.svc.cluster.local");
  });

  it("exposes cumulative histograms whose +Inf bucket equals the count", () => {
    const { clock, mesh } = meshWith(
      flaggerPodinfo({
        primaryImage: "ghcr.io/stefanprodan/podinfo:6.0.0",
        canaryImage: "ghcr.io/stefanprodan/podinfo:6.0.1",
        weights: [50, 50],
      }),
    );
    clock.advance(30_000);
    mesh.tick();
    const text = mesh.exposition();
    expect(text).toContain("# TYPE istio_requests_total counter");
    expect(text).toContain("# TYPE istio_request_duration_milliseconds histogram");
    const samples = parseExposition(text);
    const one = samples.find((s) => s.name === "istio_request_duration_milliseconds_count");
    const { reporter, destination_workload, response_code, source_workload } = one?.labels ?? {};
    const same = (s: Sample) =>
      s.labels.reporter === reporter &&
      s.labels.destination_workload === destination_workload &&
      s.labels.response_code === response_code &&
      s.labels.source_workload === source_workload;
    const buckets = samples.filter((s) => s.name === "istio_request_duration_milliseconds_bucket" && same(s));
    expect(buckets).toHaveLength(20);
    for (let i = 1; i < buckets.length; i++)
      expect(buckets[i]?.value).toBeGreaterThanOrEqual(buckets[i - 1]?.value ?? 0);
    expect(buckets.at(-1)?.labels.le).toBe("+Inf");
    expect(buckets.at(-1)?.value).toBe(one?.value);
    expect(
      samples.find((s) => s.name === "istio_request_duration_milliseconds_sum" && same(s))?.value,
    ).toBeGreaterThan(0);
  });

  it("fails a third of a bad image's requests with 500s and keeps good images near 0.1%", () => {
    const { clock, mesh } = meshWith(
      flaggerPodinfo({
        primaryImage: "ghcr.io/stefanprodan/podinfo:6.0.0",
        canaryImage: "ghcr.io/stefanprodan/podinfo:6.0.1-bad",
        weights: [50, 50],
      }),
    );
    clock.advance(300_000);
    mesh.tick();
    const samples = parseExposition(mesh.exposition());
    const dest = { reporter: "destination" };
    const bad = requests(samples, { ...dest, destination_workload: "podinfo", response_code: "500" });
    const all = requests(samples, { ...dest, destination_workload: "podinfo" });
    expect(bad / all).toBeGreaterThan(0.29);
    expect(bad / all).toBeLessThan(0.38);
    const primaryErrors = requests(samples, {
      ...dest,
      destination_workload: "podinfo-primary",
      response_code: "503",
    });
    expect(
      primaryErrors / requests(samples, { ...dest, destination_workload: "podinfo-primary" }),
    ).toBeLessThan(0.005);
  });

  it("sends only header-matching requests to an A/B canary", () => {
    const { clock, mesh } = meshWith(
      flaggerPodinfo({
        primaryImage: "ghcr.io/stefanprodan/podinfo:6.0.0",
        canaryImage: "ghcr.io/stefanprodan/podinfo:6.0.1",
        weights: [0, 100],
        match: [{ headers: { cookie: { regex: "^(.*?;)?(type=insider)(;.*)?$" } } }],
      }),
      { matchShare: 0.1 },
    );
    clock.advance(120_000);
    mesh.tick();
    const samples = parseExposition(mesh.exposition());
    const canary = requests(samples, { reporter: "destination", destination_workload: "podinfo" });
    const all = requests(samples, { reporter: "destination" });
    expect(canary / all).toBeGreaterThan(0.07);
    expect(canary / all).toBeLessThan(0.13);
  });

  it("adds the loadtester's traffic to the service it targets", () => {
    let now = 0;
    const loadtester = new DemoLoadtester({ now: () => now });
    const { clock, mesh } = meshWith(
      flaggerPodinfo({
        primaryImage: "ghcr.io/stefanprodan/podinfo:6.0.0",
        canaryImage: "ghcr.io/stefanprodan/podinfo:6.0.1",
        weights: [100, 0],
      }),
      { loadtester },
    );
    now = clock.nowMs();
    loadtester.handle("/", {
      name: "podinfo",
      namespace: "test",
      metadata: { cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/" },
    });
    clock.advance(30_000);
    mesh.tick();
    const samples = parseExposition(mesh.exposition());
    const fromLoadtester = requests(samples, {
      reporter: "destination",
      source_workload: "flagger-loadtester",
      destination_workload: "podinfo",
    });
    expect(fromLoadtester).toBeGreaterThan(550);
    expect(fromLoadtester).toBeLessThan(650);
    expect(
      requests(samples, { source_workload: "istio-ingressgateway", destination_workload: "podinfo" }),
    ).toBe(0);
  });

  it("reports an Argo rollout's stable and canary pods under the rollout's workload name", () => {
    const { clock, mesh } = meshWith(
      argoMyapp({
        stableImage: "argoproj/rollouts-demo:blue",
        canaryImage: "argoproj/rollouts-demo:yellow",
        weights: [70, 30],
      }),
    );
    clock.advance(120_000);
    mesh.tick();
    const samples = parseExposition(mesh.exposition());
    const canary = requests(samples, {
      reporter: "source",
      destination_service: "myapp-canary-svc.rollouts-demo.svc.cluster.local",
    });
    const stable = requests(samples, {
      reporter: "source",
      destination_service: "myapp-stable-svc.rollouts-demo.svc.cluster.local",
    });
    expect(canary / (canary + stable)).toBeGreaterThan(0.25);
    expect(canary / (canary + stable)).toBeLessThan(0.35);
    const workloads = new Set(
      samples
        .filter((s) => s.labels.destination_workload_namespace === "rollouts-demo")
        .map((s) => s.labels.destination_workload),
    );
    expect([...workloads]).toEqual(["myapp"]);
  });

  it("serves /metrics on loopback", async () => {
    const { mesh } = meshWith(
      flaggerPodinfo({
        primaryImage: "ghcr.io/stefanprodan/podinfo:6.0.0",
        canaryImage: "ghcr.io/stefanprodan/podinfo:6.0.1",
        weights: [90, 10],
      }),
    );
    const server = await mesh.serve();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
      expect(await response.text()).toContain("istio_requests_total{");
      expect((await fetch(`${server.url}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
