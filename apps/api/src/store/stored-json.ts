// Values kept as JSON text (a row's body, a line of a file) read back through their schema. One that
// is not valid JSON or not of that shape reads as undefined, for the reader to skip or count: never a
// crash of the whole list.
import type { z } from "zod";

export function parseJsonAs<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
