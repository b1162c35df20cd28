// Checking raw objects as they enter Rollscope. A malformed object becomes a value naming the object
// and the fields at fault; nothing here throws.
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

export type ObjectParseResult<T> = { ok: true; value: T } | { ok: false; error: ObjectParseError };

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
  const result = kindSchemas[kind].safeParse(raw);
  if (result.success) return { ok: true, value: result.data as ObjectOfKind<K> };
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
