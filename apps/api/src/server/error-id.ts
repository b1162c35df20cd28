// An id for an unexpected error, shown to the client instead of its details and logged with them, so
// a person can quote it and an operator can find it. The same error object always gets the same id.
import { randomBytes } from "node:crypto";

const ids = new WeakMap<object, string>();

export function errorIdOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return randomBytes(6).toString("hex");
  let id = ids.get(error);
  if (!id) {
    id = randomBytes(6).toString("hex");
    ids.set(error, id);
  }
  return id;
}

/** Absolute file paths say how the server is laid out; a client gets the message without them. */
export function withoutPaths(message: string): string {
  return message.replace(/(^|[\s'"(=:])\/(?:[^\s'"():/]+\/)+[^\s'"():]*/g, "$1<path>");
}
