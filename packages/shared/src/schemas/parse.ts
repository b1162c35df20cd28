// Checking raw objects as they enter Rollscope. A malformed object becomes a value naming the object
// and the fields at fault; nothing here throws. A few fields that real objects are known to carry in
// a shape the CRD does not allow are read leniently instead, and the object keeps a notice saying so.
import type { z } from "zod";
import { type KnownKind, kindSchemas, type ObjectOfKind } from "./registry";

export interface ObjectIssue {
  /** Dotted path of the field at fault, e.g. `spec.strategy.canary.steps[2].setWeight`. */
  path: string;
  message: string;
}

export interface ObjectParseError {
  kind: KnownKind;
  namespace?: string;
  name?: string;
  issues: ObjectIssue[];
  /** One line a person can read: which object and which field. */
  message: string;
}

export type ObjectParseResult<T> =
  | {
      ok: true;
      value: T;
      /** Fields read leniently (see `lenientFields`); also available later through `objectNotices`. */
      notices: ObjectIssue[];
    }
  | { ok: false; error: ObjectParseError };

/** A field whose wrong shape is read as if the field were absent, with a notice, instead of failing. */
interface LenientField {
  path: readonly [string, ...string[]];
  /** The shape the CRD asks for, in words. */
  expected: string;
  matches(value: unknown): boolean;
  /** What Rollscope reads instead, in words. */
  readAs: string;
}

const lenientFields: Partial<Record<KnownKind, readonly LenientField[]>> = {
  // A Rollout status.conditions that is not a list, e.g. `conditions: {}` in Argo CD's Rollout health
  // tests (testdata/degraded_statusPhaseMessage.yaml). Read as "no conditions" because that is what
  // the object says: Argo CD's health.lua surfaces status.phase/message (Degraded, "InvalidSpec")
  // before it looks at conditions, and its Lua would iterate `{}` as an empty table anyway; Rollscope's
  // phase also prefers status.phase. Refusing the whole object would hide a degraded Rollout from the
  // list over a field that carries nothing, so it is read and the delivery's notice names the field.
  Rollout: [
    {
      path: ["status", "conditions"],
      expected: "a list",
      matches: (value) => Array.isArray(value),
      readAs: "no conditions",
    },
  ],
};

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object")
    return Object.keys(value as object).length === 0 ? "an empty object" : "an object";
  return typeof value === "string" ? "a string" : `a ${typeof value}`;
}

/** `raw` without the lenient fields that have the wrong shape (copied along their path), and why. */
function applyLenientFields(kind: KnownKind, raw: unknown): { raw: unknown; notices: ObjectIssue[] } {
  const notices: ObjectIssue[] = [];
  let out = raw;
  for (const field of lenientFields[kind] ?? []) {
    const parents: Record<string, unknown>[] = [];
    let node: unknown = out;
    for (const key of field.path.slice(0, -1)) {
      if (typeof node !== "object" || node === null || Array.isArray(node)) break;
      parents.push(node as Record<string, unknown>);
      node = (node as Record<string, unknown>)[key];
    }
    if (parents.length !== field.path.length - 1 || typeof node !== "object" || node === null) continue;
    const last = field.path[field.path.length - 1] as string;
    const value = (node as Record<string, unknown>)[last];
    if (value === undefined || value === null || field.matches(value)) continue;
    // Copy the objects along the path so the caller's object is left as it was.
    const { [last]: _dropped, ...without } = node as Record<string, unknown>;
    let rebuilt: unknown = without;
    for (let i = parents.length - 1; i >= 0; i--) {
      rebuilt = { ...parents[i], [field.path[i] as string]: rebuilt };
    }
    out = rebuilt;
    notices.push({
      path: formatPath(field.path),
      message: `is ${shapeOf(value)}, not ${field.expected}: read as ${field.readAs}`,
    });
  }
  return { raw: out, notices };
}

const noticesByObject = new WeakMap<object, ObjectIssue[]>();

/**
 * The fields of a parsed object that were read leniently, for derivations that only hold the object
 * (the cluster cache keeps the value `parseObject` returned). Empty for anything else.
 */
export function objectNotices(parsed: object): readonly ObjectIssue[] {
  return noticesByObject.get(parsed) ?? [];
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(object)" : out;
}

function identify(raw: unknown): { namespace?: string; name?: string } {
  if (typeof raw !== "object" || raw === null) return {};
  const meta = (raw as { metadata?: unknown }).metadata;
  if (typeof meta !== "object" || meta === null) return {};
  const { name, namespace } = meta as { name?: unknown; namespace?: unknown };
  return {
    ...(typeof name === "string" ? { name } : {}),
    ...(typeof namespace === "string" ? { namespace } : {}),
  };
}

function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): ObjectIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Validates one object of a known kind. Unknown fields pass; missing optional ones are fine. */
export function parseObject<K extends KnownKind>(kind: K, raw: unknown): ObjectParseResult<ObjectOfKind<K>> {
  const lenient = applyLenientFields(kind, raw);
  const result = kindSchemas[kind].safeParse(lenient.raw);
  if (result.success) {
    const value = result.data as ObjectOfKind<K>;
    if (lenient.notices.length > 0) noticesByObject.set(value as object, lenient.notices);
    return { ok: true, value, notices: lenient.notices };
  }
  const id = identify(raw);
  const issues = describeIssues(result.error.issues);
  const objectName = id.name ? `${id.namespace ? `${id.namespace}/` : ""}${id.name}` : "(unnamed)";
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return {
    ok: false,
    error: {
      kind,
      ...id,
      issues,
      message: `${kind} ${objectName} is malformed: ${first?.path}: ${first?.message}${more}`,
    },
  };
}
