import { describe, expect, it } from "vitest";
import { flaggerCanary, flaggerVirtualService, stickyFlaggerVirtualService } from "../testing/builders";
import { canaryServiceNames } from "./canary-service-names";
import { istioRouteWeights } from "./istio-route-weights";

const to = (host: string, weight: number) => ({ destination: { host }, weight });
const weighted = (primary: number, canary: number) => [
  to("podinfo-primary", primary),
  to("podinfo-canary", canary),
];

describe("istioRouteWeights, as Flagger's GetRoutes", () => {
  it("reads a progressive canary's single weighted route, and its mirror", () => {
    const vs = flaggerVirtualService([{ route: weighted(70, 30), mirror: { host: "podinfo-canary" } }]);
    expect(istioRouteWeights(flaggerCanary(), vs)).toEqual({
      primaryWeight: 70,
      canaryWeight: 30,
      mirrored: true,
    });
  });

  it("takes the last route to the canary: the weighted one after a session-affinity cookie match", () => {
    const canary = flaggerCanary({
      spec: { analysis: { sessionAffinity: { cookieName: "flagger-cookie" } } },
    });
    expect(istioRouteWeights(canary, stickyFlaggerVirtualService(90, 10))).toEqual({
      primaryWeight: 90,
      canaryWeight: 10,
      mirrored: false,
    });
  });

  it("reads an A/B canary's header-match route, not the primary-only fallback after it", () => {
    const match = [{ headers: { "x-canary": { exact: "insider" } } }];
    const canary = flaggerCanary({ spec: { analysis: { iterations: 10, match } } });
    const vs = flaggerVirtualService([
      { match, route: weighted(0, 100) },
      { route: [to("podinfo-primary", 100)] },
    ]);
    expect(istioRouteWeights(canary, vs)).toEqual({ primaryWeight: 0, canaryWeight: 100, mirrored: false });
  });

  it("matches hosts exactly, under the apex name spec.service.name gives", () => {
    const canary = flaggerCanary({ spec: { service: { name: "web" } } });
    expect(canaryServiceNames(canary)).toEqual({ apex: "web", primary: "web-primary", canary: "web-canary" });
    const fqdn = flaggerVirtualService([
      { route: [to("web-primary.test.svc.cluster.local", 60), to("web-canary.test.svc.cluster.local", 40)] },
    ]);
    expect(istioRouteWeights(canary, fqdn)).toBeUndefined();
    const short = flaggerVirtualService([{ route: [to("web-primary", 60), to("web-canary", 40)] }]);
    expect(istioRouteWeights(canary, short)).toEqual({
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
  });

  it("reads spec.tcp for a TCP canary", () => {
    const canary = flaggerCanary({ spec: { service: { appProtocol: "TCP" } } });
    const vs = flaggerVirtualService([{ route: weighted(100, 0) }]);
    vs.spec.tcp = [{ route: weighted(80, 20) }];
    expect(istioRouteWeights(canary, vs)).toEqual({ primaryWeight: 80, canaryWeight: 20, mirrored: false });
  });

  it("finds no weights where Flagger reports the routes missing", () => {
    expect(istioRouteWeights(flaggerCanary(), flaggerVirtualService([]))).toBeUndefined();
    const elsewhere = flaggerVirtualService([{ route: [to("other", 100)] }]);
    expect(istioRouteWeights(flaggerCanary(), elsewhere)).toBeUndefined();
    expect(
      istioRouteWeights(flaggerCanary(), flaggerVirtualService([{ route: weighted(0, 0) }])),
    ).toBeUndefined();
  });
});
