// Seeded mangling of real objects for robustness tests: delete fields, swap types, and put odd but
// well-typed values (empty strings, negatives, huge numbers) where a derivation might trip.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== "object") return [prefix];
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => paths(v, [...prefix, i]))
    : Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]));
  return [prefix, ...children];
}

const replacements: Array<(old: Json, rand: () => number) => Json | undefined> = [
  () => undefined, // delete
  () => null,
  () => "",
  () => -1,
  () => 0,
  () => 1e12,
  () => "not-a-date",
  () => [],
  () => ({}),
  () => true,
  (old) => (typeof old === "number" ? String(old) : typeof old === "string" ? Number(old.length) : old),
  (_old, rand) => [Math.floor(rand() * 5)],
  () => "10x",
  () => "[0.5]",
];

/** A deep copy of `object` with `count` random mutations. */
export function mangle(object: unknown, rand: () => number, count: number): unknown {
  const copy = JSON.parse(JSON.stringify(object)) as Json;
  for (let n = 0; n < count; n++) {
    const all = paths(copy).filter((p) => p.length > 0);
    const path = all[Math.floor(rand() * all.length)];
    if (!path) break;
    let parent: Json = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key as string] as Json;
    const last = path[path.length - 1] as string;
    const replace = replacements[Math.floor(rand() * replacements.length)] as (typeof replacements)[number];
    const value = replace((parent as Record<string, Json>)[last] as Json, rand);
    if (value === undefined) {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Record<string, Json>)[last];
    } else (parent as Record<string, Json>)[last] = value;
  }
  return copy;
}
