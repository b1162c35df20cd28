// Objects as they enter the cache. List items of built-in kinds come without apiVersion/kind (the API
// server only sets them on the list); they are filled in so every cached object says what it is.
// managedFields are dropped: never read, and often the largest part of an object.
import { apiVersionOf, type KnownKind } from "@rollscope/shared";

type Mutable = { apiVersion?: unknown; kind?: unknown; metadata?: { managedFields?: unknown } };

export function objectPreparer(kind: KnownKind): (object: unknown) => unknown {
  const apiVersion = apiVersionOf(kind);
  return (object) => {
    if (typeof object !== "object" || object === null) return object;
    const o = object as Mutable;
    if (o.apiVersion === undefined) o.apiVersion = apiVersion;
    if (o.kind === undefined) o.kind = kind;
    if (o.metadata && "managedFields" in o.metadata) delete o.metadata.managedFields;
    return o;
  };
}
