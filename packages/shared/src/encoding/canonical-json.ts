// One JSON text per content, so two objects compare (and hash) equal exactly when their content is:
// object keys in Go's order (UTF-8 bytes, as encoding/json writes map keys) and members that are
// null or undefined left out, as an API server prunes them. Arrays keep their order and their nulls.
import { compareUtf8 } from "./utf8-order";

function write(value: unknown): string | undefined {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    return write((value as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? "null").join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.keys(value)
      .sort(compareUtf8)
      .flatMap((key) => {
        const member = (value as Record<string, unknown>)[key];
        const text = member === null ? undefined : write(member);
        return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`];
      });
    return `{${members.join(",")}}`;
  }
  // undefined, functions and symbols have no JSON text; JSON.stringify says so by returning undefined.
  return JSON.stringify(value) as string | undefined;
}

export function canonicalJson(value: unknown): string {
  return write(value) ?? "null";
}
