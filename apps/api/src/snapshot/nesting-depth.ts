// How deeply a document nests, counted without recursion so that measuring a hostile document cannot
// itself exhaust the stack. Both stop counting once past `limit`.
import type { CST } from "yaml";

/** Collections nested inside one another in a YAML token of the parser's concrete syntax tree. */
export function yamlNestingDepth(root: CST.Token, limit: number): number {
  let deepest = 0;
  const pending: Array<{ token: CST.Token; depth: number }> = [{ token: root, depth: 0 }];
  for (let next = pending.pop(); next && deepest <= limit; next = pending.pop()) {
    const { token, depth } = next;
    deepest = Math.max(deepest, depth);
    if (token.type === "document" && token.value) pending.push({ token: token.value, depth });
    if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      for (const item of token.items as CST.CollectionItem[]) {
        if (item.key) pending.push({ token: item.key, depth: depth + 1 });
        if (item.value) pending.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return deepest;
}

/** Arrays and objects nested inside one another in a parsed JSON value. */
export function jsonNestingDepth(root: unknown, limit: number): number {
  let deepest = 0;
  const pending: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  for (let next = pending.pop(); next && deepest <= limit; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value !== "object" || value === null) continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}
