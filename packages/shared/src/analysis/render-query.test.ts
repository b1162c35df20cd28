import { describe, expect, it } from "vitest";
import {
  flaggerIstioBuiltinQuery,
  flaggerTrimQuery,
  renderArgoQuery,
  renderFlaggerQuery,
} from "./render-query";

describe("renderArgoQuery", () => {
  it("renders the seed query", () => {
    const template =
      'sum(rate(istio_requests_total{reporter="source",destination_service=~"{{args.service}}.{{args.namespace}}.svc.cluster.local",response_code!~"5.*"}[2m]))';
    const args = [
      { name: "service", value: "myapp-canary-svc" },
      { name: "namespace", value: "rollouts-demo" },
    ];
    expect(renderArgoQuery(template, args)).toEqual({
      query:
        'sum(rate(istio_requests_total{reporter="source",destination_service=~"myapp-canary-svc.rollouts-demo.svc.cluster.local",response_code!~"5.*"}[2m]))',
      unresolved: [],
    });
  });

  // cases from argo-rollouts utils/template/template_test.go
  it("trims whitespace inside the braces", () => {
    expect(renderArgoQuery("test-{{ args.var }}", [{ name: "var", value: "foo" }]).query).toBe("test-foo");
    expect(renderArgoQuery("test", []).query).toBe("test");
  });

  it("lists unresolved and unsupplied args instead of throwing", () => {
    expect(renderArgoQuery("test-{{args.var}} {{ args.var }} {{args.empty}}", [{ name: "empty" }])).toEqual({
      query: "test-{{args.var}} {{ args.var }} {{args.empty}}",
      unresolved: ["args.var", "args.empty"],
    });
  });

  it("keeps special characters as they are (ResolveArgs, not ResolveQuotedArgs)", () => {
    const value = 'double quotes"newline\nand tab\t';
    expect(renderArgoQuery("test-{{args.var}}", [{ name: "var", value }]).query).toBe(`test-${value}`);
  });

  it("reports a tag without end like fasttemplate", () => {
    expect(renderArgoQuery("test-{{args.var", [])).toEqual({
      query: "test-{{args.var",
      unresolved: [],
      error: 'Cannot find end tag="}}" in the template="test-{{args.var" starting from "args.var"',
    });
  });

  it("uses the last value when an arg is listed twice", () => {
    const args = [
      { name: "a", value: "1" },
      { name: "a", value: "2" },
    ];
    expect(renderArgoQuery("{{args.a}}", args).query).toBe("2");
  });
});

const vars = { namespace: "default", target: "podinfo", interval: "1m" };

describe("renderFlaggerQuery", () => {
  // cases from flagger pkg/metrics/observers/render_test.go
  it("renders the model functions", () => {
    const template = 'sum(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}_{{ target }}"})';
    expect(renderFlaggerQuery(template, { ...vars, target: "myapp" })).toEqual({
      query: 'sum(envoy_cluster_upstream_rq{envoy_cluster_name=~"default_myapp"})',
      unresolved: [],
    });
  });

  const kafka =
    'delta(max by (consumer_group) (kafka_consumer_current_offset{cluster="{{ variables.cluster }}", consumer_group="{{ variables.consumer_group }}"}[{{ interval }}]))';

  it("renders templateVariables", () => {
    const variables = { cluster: "dev", consumer_group: "my_consumer" };
    expect(renderFlaggerQuery(kafka, { ...vars, variables }).query).toBe(
      'delta(max by (consumer_group) (kafka_consumer_current_offset{cluster="dev", consumer_group="my_consumer"}[1m]))',
    );
  });

  it("lists a missing variable key, where Flagger fails to render", () => {
    const variables = { invalid: "dev", consumer_group: "my_consumer" };
    const rendered = renderFlaggerQuery(kafka, { ...vars, variables });
    expect(rendered.unresolved).toEqual(["variables.cluster"]);
    expect(rendered.query).toContain('cluster="{{ variables.cluster }}", consumer_group="my_consumer"');
  });

  it("falls back to the target for service and ingress, as toMetricModel does", () => {
    const template = "{{ service }}/{{ ingress }}/{{ name }}";
    expect(renderFlaggerQuery(template, vars)).toEqual({
      query: "podinfo/podinfo/{{ name }}",
      unresolved: ["name"],
    });
    expect(renderFlaggerQuery(template, { ...vars, name: "c", service: "s", ingress: "i" }).query).toBe(
      "s/i/c",
    );
  });

  it("handles trim markers, comments and the bare variables map", () => {
    expect(renderFlaggerQuery("a \n {{- target -}} \n b", vars).query).toBe("apodinfob");
    expect(renderFlaggerQuery("a{{-3}}", vars).unresolved).toEqual(["-3"]);
    expect(renderFlaggerQuery("x{{/* note */}}y{{- /* trimmed */ -}} z", vars).query).toBe("xyz");
    expect(renderFlaggerQuery("{{ variables }}", { ...vars, variables: { b: "2", a: "1" } }).query).toBe(
      "map[a:1 b:2]",
    );
  });

  it("reports actions it does not support and unclosed actions", () => {
    expect(renderFlaggerQuery("{{ .Values.x }} {{ if target }}", vars).unresolved).toEqual([
      ".Values.x",
      "if target",
    ]);
    expect(renderFlaggerQuery("up{job='{{ target'}", vars)).toMatchObject({ error: "unclosed action" });
  });
});

describe("flaggerIstioBuiltinQuery", () => {
  // The expected strings are those of flagger pkg/metrics/observers/istio_test.go, which sees the query
  // after the Prometheus provider's whitespace trimming.
  it("renders request-success-rate like the Istio observer", () => {
    const query = flaggerIstioBuiltinQuery("request-success-rate", vars);
    expect(flaggerTrimQuery(query)).toBe(
      ' sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="default", destination_workload=~"podinfo", response_code!~"5.*" }[1m] ) ) / sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="default", destination_workload=~"podinfo" }[1m] ) ) * 100',
    );
    expect(query.startsWith("\n\tsum(\n\t\trate(\n")).toBe(true);
    expect(query).toContain("\t) \n\t/ \n\tsum(");
  });

  it("renders request-duration like the Istio observer", () => {
    expect(flaggerTrimQuery(flaggerIstioBuiltinQuery("request-duration", vars))).toBe(
      ' histogram_quantile( 0.99, sum( rate( istio_request_duration_milliseconds_bucket{ reporter="destination", destination_workload_namespace="default", destination_workload=~"podinfo" }[1m] ) ) by (le) )',
    );
  });
});
