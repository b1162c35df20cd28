// Names no Kubernetes object can have. The API server refuses them, so they only reach Rollscope from
// hand-edited files; left in, a "/" in a name would split the object's key and its URL, and the object
// would vanish from every list without a word. Empty names are the schema's to refuse.
import type { ObjectIssue } from "@rollscope/shared";

// DNS subdomain names (most kinds) may be 253 characters; namespaces are DNS labels of at most 63.
const maxNameLength = 253;
const maxNamespaceLength = 63;

function check(field: string, value: unknown, maxLength: number): ObjectIssue | undefined {
  if (typeof value !== "string") return undefined;
  if (value.includes("/"))
    return { path: field, message: `contains "/", which no Kubernetes name may contain` };
  if (value.length > maxLength)
    return {
      path: field,
      message: `is ${value.length} characters long, more than the ${maxLength} a Kubernetes name may have`,
    };
  return undefined;
}

/** Why this raw object's name or namespace is not one Kubernetes allows, or undefined. */
export function objectNameProblem(raw: unknown): ObjectIssue | undefined {
  const meta = (raw as { metadata?: unknown } | null)?.metadata;
  if (typeof meta !== "object" || meta === null) return undefined;
  const { name, namespace } = meta as { name?: unknown; namespace?: unknown };
  return (
    check("metadata.name", name, maxNameLength) ?? check("metadata.namespace", namespace, maxNamespaceLength)
  );
}
