// The object cache of a snapshot: the cluster cache, which also refuses objects whose name or namespace
// no Kubernetes object can have, and lists them with the reason among the invalid objects the UI shows.
import type { KnownKind, ObjectParseError } from "@rollscope/shared";
import { objectKey } from "@rollscope/shared/cluster/object-key";
import { ObjectStore } from "@rollscope/shared/cluster/object-store";
import { objectNameProblem } from "./object-name-problem";

// A name thousands of characters long is shown cut short: the reason already says how long it is.
const shownNameLength = 80;

function shown(value: string): string {
  return value.length > shownNameLength ? `${value.slice(0, shownNameLength)}…` : value;
}

export class SnapshotObjectStore extends ObjectStore {
  private readonly refused = new Map<string, ObjectParseError>();

  override upsert(kind: KnownKind, raw: unknown): ObjectParseError | undefined {
    const problem = objectNameProblem(raw);
    if (!problem) return super.upsert(kind, raw);
    const meta = (raw as { metadata: { name?: unknown; namespace?: unknown } }).metadata;
    const name = typeof meta.name === "string" ? shown(meta.name) : "";
    const namespace = typeof meta.namespace === "string" ? shown(meta.namespace) : "";
    const error: ObjectParseError = {
      kind,
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
      issues: [problem],
      message: `${kind} ${namespace ? `${namespace}/` : ""}${name || "(unnamed)"} is not shown: ${problem.path} ${problem.message}`,
    };
    this.refused.set(objectKey({ kind, namespace, name }), error);
    return error;
  }

  override invalidObjects(): ObjectParseError[] {
    return [...super.invalidObjects(), ...this.refused.values()];
  }
}
