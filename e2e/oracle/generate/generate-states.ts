// The generated states: every base case once as it is, then seeded mutations of the base cases in turn
// until there are `count` states. Each state lives in its own namespace with fresh UIDs, so one snapshot
// folder (one file per namespace) holds them all without two states ever sharing an owner.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fnv1a32OfCodeUnits } from "@rollscope/shared/encoding/fnv1a";
import type { BaseCase } from "./base-cases";
import { clone, type KubeObject } from "./kube-object";
import { type Mutation, type MutationContext, materialise, mutations } from "./mutations/index";
import { Random } from "./random";

export interface GeneratedState {
  namespace: string;
  base: string;
  /** What was done to the base, in order (`name: description`). */
  mutations: string[];
  objects: KubeObject[];
}

export interface GenerateOptions {
  bases: BaseCase[];
  count: number;
  seed: number;
  /** Mutations per state after the unmutated pass, at most this many (at least one). */
  maxMutations?: number;
}

/** A stable UID for `original` in `namespace`, so owner references keep pointing at their owner. */
function renamedUid(original: string, namespace: string): string {
  const h = fnv1a32OfCodeUnits(`${namespace}/${original}`);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  const a = hex(h);
  const b = hex(Math.imul(h, 2654435761));
  const c = hex(Math.imul(h ^ 0x5bd1e995, 40503));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c}${a.slice(0, 4)}`;
}

/**
 * Drops every `creationTimestamp: null`: Go's encoder writes it into the pod templates of dumped
 * objects, but an API server prunes it, so an object it serves never has one.
 */
function dropNullTimestamps(value: unknown): void {
  if (Array.isArray(value)) for (const v of value) dropNullTimestamps(v);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o.creationTimestamp === null) delete o.creationTimestamp;
    for (const v of Object.values(o)) dropNullTimestamps(v);
  }
}

function intoNamespace(objects: KubeObject[], namespace: string): KubeObject[] {
  return objects.map((o) => {
    const copy = clone(o);
    dropNullTimestamps(copy);
    copy.metadata.namespace = namespace;
    // An API server gives every object a UID; upstream examples have none.
    copy.metadata.uid = renamedUid(copy.metadata.uid ?? `${copy.kind}/${copy.metadata.name}`, namespace);
    for (const ref of copy.metadata.ownerReferences ?? [])
      ref.uid = renamedUid(ref.uid ?? `${ref.kind}/${ref.name}`, namespace);
    // Fields the API server owns and that would tie the copy to the original object.
    delete copy.metadata.resourceVersion;
    delete copy.metadata.selfLink;
    delete copy.metadata.managedFields;
    return copy;
  });
}

export function generateStates(options: GenerateOptions): GeneratedState[] {
  const { bases, count, seed } = options;
  const maxMutations = options.maxMutations ?? 4;
  if (bases.length === 0) throw new Error("no base cases to generate states from");
  const random = new Random(seed);
  const states: GeneratedState[] = [];
  for (let i = 0; i < Math.max(count, bases.length); i++) {
    const base = bases[i % bases.length] as BaseCase;
    const namespace = `oracle-${String(i).padStart(4, "0")}`;
    const context: MutationContext = { objects: intoNamespace(base.objects, namespace), random };
    const done: string[] = [];
    if (i >= bases.length) {
      if (random.chance(0.85)) {
        const what = materialise(context);
        if (what !== undefined) done.push(`materialise: ${what}`);
      }
      const wanted = random.int(1, maxMutations);
      for (let tries = 0; done.length < wanted && tries < wanted * 6; tries++) {
        const mutation: Mutation = random.pick(mutations);
        const what = mutation.apply(context);
        if (what !== undefined) done.push(`${mutation.name}: ${what}`);
      }
    }
    states.push({ namespace, base: base.source, mutations: done, objects: context.objects });
  }
  return states;
}

/** One JSON List per namespace, as `kubectl get -o json` writes it; returns the folder. */
export function writeSnapshot(dir: string, states: GeneratedState[]): string {
  mkdirSync(dir, { recursive: true });
  for (const state of states) {
    const list = { apiVersion: "v1", kind: "List", items: state.objects };
    writeFileSync(join(dir, `${state.namespace}.json`), `${JSON.stringify(list, null, 1)}\n`);
  }
  return dir;
}
