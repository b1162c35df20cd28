// The overview's filters live in the URL so a view can be shared: ?q=…&view=…&controller=…&ns=…&cluster=…
// Deep imports keep the schemas (zod) and the expression parser out of the browser bundle.
import { matchesSearch, parseSearch } from "@rollscope/shared/delivery/search";
import { type DeliverySummary, needsAttention } from "@rollscope/shared/delivery/summary";

export const views = [
  "all",
  "attention",
  "healthy",
  "progressing",
  "paused",
  "degraded",
  "favourites",
] as const;
export type View = (typeof views)[number];

export interface OverviewFilters {
  q: string;
  view: View;
  controller: "" | "argo" | "flagger";
  namespace: string;
  cluster: string;
}

export function readFilters(params: URLSearchParams): OverviewFilters {
  const view = params.get("view") ?? "all";
  const controller = params.get("controller") ?? "";
  return {
    q: params.get("q") ?? "",
    view: (views as readonly string[]).includes(view) ? (view as View) : "all",
    controller: controller === "argo" || controller === "flagger" ? controller : "",
    namespace: params.get("ns") ?? "",
    cluster: params.get("cluster") ?? "",
  };
}

export function writeFilters(f: OverviewFilters): string {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.view !== "all") params.set("view", f.view);
  if (f.controller) params.set("controller", f.controller);
  if (f.namespace) params.set("ns", f.namespace);
  if (f.cluster) params.set("cluster", f.cluster);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function inView(d: DeliverySummary, view: View, favourite: boolean): boolean {
  switch (view) {
    case "all":
      return true;
    case "attention":
      return needsAttention(d);
    case "favourites":
      return favourite;
    default:
      return d.phase === view;
  }
}

/** Everything but the view chip, so chip counts show what each view would contain. */
export function baseFilter(f: OverviewFilters): (d: DeliverySummary) => boolean {
  const terms = parseSearch(f.q);
  return (d) =>
    (!f.controller || d.controller === f.controller) &&
    (!f.namespace || d.ref.namespace === f.namespace) &&
    (!f.cluster || d.ref.cluster === f.cluster) &&
    matchesSearch(d, terms);
}

/** Most urgent first: degraded, waiting for a person, paused, progressing, then the rest; then by name. */
export function compareDeliveries(a: DeliverySummary, b: DeliverySummary): number {
  const rank = (d: DeliverySummary) =>
    d.phase === "degraded"
      ? 0
      : d.waitingForPerson
        ? 1
        : d.phase === "paused"
          ? 2
          : d.phase === "progressing"
            ? 3
            : 4;
  return (
    rank(a) - rank(b) ||
    a.ref.namespace.localeCompare(b.ref.namespace) ||
    a.ref.name.localeCompare(b.ref.name)
  );
}
