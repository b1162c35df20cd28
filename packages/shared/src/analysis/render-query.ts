// Renders metric query templates the way the controllers do, so the dashboard can show the query that
// actually ran. Unresolved placeholders are reported as a list and left verbatim in the text (where the
// controllers would fail: Argo errors and writes "", Flagger errors), so the gap stays visible.

export interface RenderedQuery {
  query: string;
  /** Placeholders that could not be filled, trimmed (e.g. "args.service"), in order, without repeats. */
  unresolved: string[];
  /** Set when the template itself is malformed (an unclosed `{{`). */
  error?: string;
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/**
 * Argo Rollouts: `{{args.name}}` placeholders, resolved like utils/template/template.go does it
 * (valyala/fasttemplate with `{{`/`}}` tags; the tag is trimmed before lookup, so `{{ args.name }}`
 * works). An argument without a value is unresolved, as Argo refuses to resolve it.
 */
export function renderArgoQuery(
  template: string,
  args: ReadonlyArray<{ name: string; value?: string }>,
): RenderedQuery {
  const values = new Map<string, string>();
  for (const arg of args) if (arg.value !== undefined) values.set(`args.${arg.name}`, arg.value);
  const unresolved: string[] = [];
  let query = "";
  let pos = 0;
  for (;;) {
    const start = template.indexOf("{{", pos);
    if (start < 0) return { query: query + template.slice(pos), unresolved };
    const end = template.indexOf("}}", start + 2);
    if (end < 0) {
      // fasttemplate's wording, with Go's %q quoting
      const rest = JSON.stringify(template.slice(start + 2));
      const error = `Cannot find end tag="}}" in the template=${JSON.stringify(template)} starting from ${rest}`;
      return { query: query + template.slice(pos), unresolved, error };
    }
    const tag = template.slice(start + 2, end).trim();
    const value = values.get(tag);
    if (value === undefined) addOnce(unresolved, tag);
    query += template.slice(pos, start) + (value ?? template.slice(start, end + 2));
    pos = end + 2;
  }
}

/** The model Flagger's MetricTemplateModel exposes to query templates as niladic functions. */
export interface FlaggerQueryVars {
  /** canary.spec.targetRef.name */
  target: string;
  /** canary.metadata.namespace */
  namespace: string;
  /** the analysis metric's interval, e.g. "1m" */
  interval: string;
  /** canary.metadata.name */
  name?: string;
  /** canary.spec.service.name; Flagger falls back to the target name */
  service?: string;
  /** canary.spec.ingressRef.name; Flagger falls back to the target name */
  ingress?: string;
  /** the analysis metric's templateVariables, read as `{{ variables.key }}` */
  variables?: Record<string, string>;
}

const GO_SPACE = /[ \t\r\n]/;
const TRAILING_GO_SPACE = /[ \t\r\n]+$/;
const LEADING_GO_SPACE = /^[ \t\r\n]+/;

// Go prints a map[string]string with its keys sorted.
function goMap(variables: Record<string, string>): string {
  const entries = Object.keys(variables)
    .sort()
    .map((key) => `${key}:${variables[key]}`);
  return `map[${entries.join(" ")}]`;
}

function flaggerValue(action: string, vars: FlaggerQueryVars): string | undefined {
  const model: Record<string, string | undefined> = {
    name: vars.name,
    namespace: vars.namespace,
    target: vars.target,
    service: vars.service ?? vars.target,
    ingress: vars.ingress ?? vars.target,
    interval: vars.interval,
  };
  if (Object.hasOwn(model, action)) return model[action];
  if (action === "variables") return goMap(vars.variables ?? {});
  const variable = /^variables\.([\p{L}_][\p{L}\p{N}_]*)$/u.exec(action)?.[1];
  if (variable !== undefined && vars.variables && Object.hasOwn(vars.variables, variable)) {
    return vars.variables[variable];
  }
  return undefined;
}

/**
 * Flagger MetricTemplate queries are Go text/templates whose only data are the functions `name`,
 * `namespace`, `target`, `service`, `ingress`, `interval` and `variables` (pkg/metrics/observers/render.go).
 * Supports `{{ x }}`, `{{ variables.key }}`, `{{- x -}}` whitespace trimming and template comments;
 * any other action (pipelines, if/range, fields of `.`) is reported as unresolved.
 */
export function renderFlaggerQuery(template: string, vars: FlaggerQueryVars): RenderedQuery {
  const unresolved: string[] = [];
  let query = "";
  let pos = 0;
  let trimNext = false;
  for (;;) {
    const start = template.indexOf("{{", pos);
    let text = template.slice(pos, start < 0 ? undefined : start);
    if (trimNext) text = text.replace(LEADING_GO_SPACE, "");
    if (start < 0) return { query: query + text, unresolved };
    const end = template.indexOf("}}", start + 2);
    if (end < 0) return { query: query + text + template.slice(start), unresolved, error: "unclosed action" };
    let inner = template.slice(start + 2, end);
    const trimBefore = inner.startsWith("-") && GO_SPACE.test(inner.charAt(1));
    trimNext = inner.endsWith("-") && GO_SPACE.test(inner.charAt(inner.length - 2));
    if (trimBefore) inner = inner.slice(1);
    if (trimNext) inner = inner.slice(0, -1);
    if (trimBefore) text = text.replace(TRAILING_GO_SPACE, "");
    const action = inner.trim();
    let output: string;
    if (action.startsWith("/*") && action.endsWith("*/")) output = "";
    else {
      const value = flaggerValue(action, vars);
      if (value === undefined) addOnce(unresolved, action);
      output = value ?? template.slice(start, end + 2);
    }
    query += text + output;
    pos = end + 2;
  }
}

/** Flagger's Prometheus provider collapses every run of whitespace to one space before sending. */
export function flaggerTrimQuery(query: string): string {
  return query.replace(/[\t\n\f\r ]+/g, " ");
}

// Copied in shape from Flagger's pkg/metrics/observers/istio.go, tabs and trailing spaces included, so
// the rendered text matches what the Istio observer sends.
const ISTIO_SUCCESS_RATE = [
  "",
  "\tsum(",
  "\t\trate(",
  "\t\t\tistio_requests_total{",
  '\t\t\t\treporter="destination",',
  '\t\t\t\tdestination_workload_namespace="{{ namespace }}",',
  '\t\t\t\tdestination_workload=~"{{ target }}",',
  '\t\t\t\tresponse_code!~"5.*"',
  "\t\t\t}[{{ interval }}]",
  "\t\t)",
  "\t) ",
  "\t/ ",
  "\tsum(",
  "\t\trate(",
  "\t\t\tistio_requests_total{",
  '\t\t\t\treporter="destination",',
  '\t\t\t\tdestination_workload_namespace="{{ namespace }}",',
  '\t\t\t\tdestination_workload=~"{{ target }}"',
  "\t\t\t}[{{ interval }}]",
  "\t\t)",
  "\t) ",
  "\t* 100",
].join("\n");

const ISTIO_DURATION = [
  "",
  "\thistogram_quantile(",
  "\t\t0.99,",
  "\t\tsum(",
  "\t\t\trate(",
  "\t\t\t\tistio_request_duration_milliseconds_bucket{",
  '\t\t\t\t\treporter="destination",',
  '\t\t\t\t\tdestination_workload_namespace="{{ namespace }}",',
  '\t\t\t\t\tdestination_workload=~"{{ target }}"',
  "\t\t\t\t}[{{ interval }}]",
  "\t\t\t)",
  "\t\t) by (le)",
  "\t)",
].join("\n");

/**
 * The PromQL Flagger's Istio observer runs for its builtin metrics, rendered as RenderQuery renders
 * it (untrimmed; pass it through flaggerTrimQuery for the text Prometheus receives).
 */
export function flaggerIstioBuiltinQuery(
  metric: "request-success-rate" | "request-duration",
  vars: { namespace: string; target: string; interval: string },
): string {
  const template = metric === "request-success-rate" ? ISTIO_SUCCESS_RATE : ISTIO_DURATION;
  return renderFlaggerQuery(template, vars).query;
}
