// Sorts a heap of raw objects (a fixture folder, a snapshot) into parsed objects by kind.
import { parseObject } from "../schemas/parse";
import { type KnownKind, kindSchemas, type ObjectOfKind } from "../schemas/registry";

export type ParsedCluster = { [K in KnownKind]: ObjectOfKind<K>[] };

export function parseCluster(raw: unknown[]): ParsedCluster {
  const out = Object.fromEntries(Object.keys(kindSchemas).map((k) => [k, []])) as unknown as ParsedCluster;
  for (const doc of raw) {
    const kind = (doc as { kind?: unknown }).kind;
    if (typeof kind !== "string" || !(kind in kindSchemas)) continue;
    const result = parseObject(kind as KnownKind, doc);
    if (!result.ok) throw new Error(result.error.message);
    (out[kind as KnownKind] as unknown[]).push(result.value);
  }
  return out;
}
