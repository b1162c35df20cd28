// The Prometheus text exposition format (version 0.0.4) of the mesh's counters, named and labelled as
// an Istio sidecar exposes them for scraping.
import { DURATION_BUCKETS, type Stream } from "./series-store";

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

// A stream's labels never change, so their text is rendered once.
const rendered = new WeakMap<Record<string, string>, string>();

function labelBody(labels: Record<string, string>): string {
  let text = rendered.get(labels);
  if (text === undefined) {
    text = Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(",");
    rendered.set(labels, text);
  }
  return text;
}

function labelText(labels: Record<string, string>, extra?: [string, string]): string {
  const body = labelBody(labels);
  return extra ? `{${body},${extra[0]}="${escapeLabel(extra[1])}"}` : `{${body}}`;
}

// Shortest round-trip form, as Prometheus clients print values and bucket bounds.
const value = (v: number): string => String(v);

export function renderExposition(streams: Stream[]): string {
  const sorted = [...streams].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lines: string[] = [
    "# HELP istio_requests_total requests_total",
    "# TYPE istio_requests_total counter",
  ];
  for (const s of sorted) lines.push(`istio_requests_total${labelText(s.labels)} ${value(s.totals.count)}`);
  lines.push(
    "# HELP istio_request_duration_milliseconds request_duration_milliseconds",
    "# TYPE istio_request_duration_milliseconds histogram",
  );
  for (const s of sorted) {
    DURATION_BUCKETS.forEach((le, i) => {
      lines.push(
        `istio_request_duration_milliseconds_bucket${labelText(s.labels, ["le", value(le)])} ${value(s.totals.buckets[i] ?? 0)}`,
      );
    });
    lines.push(
      `istio_request_duration_milliseconds_bucket${labelText(s.labels, ["le", "+Inf"])} ${value(s.totals.count)}`,
    );
    lines.push(`istio_request_duration_milliseconds_sum${labelText(s.labels)} ${value(s.totals.sumMs)}`);
    lines.push(`istio_request_duration_milliseconds_count${labelText(s.labels)} ${value(s.totals.count)}`);
  }
  return `${lines.join("\n")}\n`;
}
