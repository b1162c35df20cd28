// The overview's search language, shared by the API's text filter and the UI:
//   word        name, namespace or image contains it (case-insensitive)
//   "exact"     the name is exactly this
//   key:value   a field (ns, cluster, kind, controller, strategy, phase, image) or a label
//   !term       none of the above matches
import type { Delivery } from "./delivery";

/** The fields search looks at (a Delivery or its summary). */
export type Searchable = Pick<
  Delivery,
  "ref" | "labels" | "images" | "controller" | "strategy" | "phase" | "rawPhase"
>;

export interface SearchTerm {
  negate: boolean;
  kind: "text" | "exact" | "field";
  key?: string;
  value: string;
}

const tokenPattern = /(!?)(?:"([^"]*)"|(\S+))/g;

export function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const match of query.matchAll(tokenPattern)) {
    const negate = match[1] === "!";
    const quoted = match[2];
    const bare = match[3] ?? "";
    if (quoted !== undefined) {
      terms.push({ negate, kind: "exact", value: quoted });
      continue;
    }
    const colon = bare.indexOf(":");
    if (colon > 0 && colon < bare.length - 1) {
      terms.push({
        negate,
        kind: "field",
        key: bare.slice(0, colon).toLowerCase(),
        value: bare.slice(colon + 1),
      });
    } else if (bare !== "") {
      terms.push({ negate, kind: "text", value: bare });
    }
  }
  return terms;
}

function fieldValues(d: Searchable, key: string): string[] | undefined {
  switch (key) {
    case "ns":
    case "namespace":
      return [d.ref.namespace];
    case "cluster":
      return [d.ref.cluster];
    case "kind":
      return [d.ref.kind];
    case "controller":
      return [d.controller];
    case "strategy":
      return d.strategy ? [d.strategy] : [];
    case "phase":
    case "status":
      return [d.phase, d.rawPhase];
    case "image":
      return d.images.map((i) => i.image);
    default:
      return undefined;
  }
}

function termMatches(d: Searchable, term: SearchTerm): boolean {
  const value = term.value.toLowerCase();
  if (term.kind === "exact") return d.ref.name === term.value;
  if (term.kind === "field" && term.key) {
    const fields = fieldValues(d, term.key);
    if (fields) return fields.some((f) => f.toLowerCase().includes(value));
    const label =
      d.labels[term.key] ?? Object.entries(d.labels).find(([k]) => k.toLowerCase() === term.key)?.[1];
    return label !== undefined && label.toLowerCase() === value;
  }
  return [d.ref.name, d.ref.namespace, ...d.images.map((i) => i.image)].some((f) =>
    f.toLowerCase().includes(value),
  );
}

/** True when the delivery satisfies every term (terms are ANDed). */
export function matchesSearch(d: Searchable, terms: SearchTerm[]): boolean {
  return terms.every((term) => termMatches(d, term) !== term.negate);
}
