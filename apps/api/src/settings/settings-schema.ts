// What a person can keep in Rollscope across browsers and replicas: favourite deliveries, the theme
// and named overview filters. Bounded here, because the row is rewritten whole on every change and
// sent to the browser on every page load.
import { z } from "zod";

export const settingsLimits = {
  favourites: 1000,
  /** A delivery id, cluster/kind/namespace/name: 253 + 8 + 63 + 253 and separators, rounded up. */
  favouriteLength: 600,
  savedFilters: 50,
  filterName: 80,
  /** The overview's URL query string (?q=…&view=…), search text included. */
  filterQuery: 2000,
} as const;

export const themes = ["light", "dark", "system"] as const;
export type Theme = (typeof themes)[number];

/** cluster/kind/namespace/name, as deliveryId() in @rollscope/shared makes it. */
const favourite = z
  .string()
  .min(1, "a favourite is empty")
  .max(
    settingsLimits.favouriteLength,
    `a favourite is longer than ${settingsLimits.favouriteLength} characters`,
  )
  // Context names may hold "/" (EKS: arn:…:cluster/name); namespaces and names never do.
  .regex(/^.+\/(Rollout|Canary)\/[^/]+\/[^/]+$/, "a favourite is not a cluster/kind/namespace/name id");

const savedFilter = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "a saved view needs a name")
    .max(
      settingsLimits.filterName,
      `a saved view's name is longer than ${settingsLimits.filterName} characters`,
    ),
  // Empty (no filter) or "?…" as the overview writes it: URL-encoded, so printable ASCII without "#".
  query: z
    .string()
    .max(
      settingsLimits.filterQuery,
      `a saved view's filters are longer than ${settingsLimits.filterQuery} characters`,
    )
    .regex(/^(\?[!-"$-~]*)?$/, "a saved view's filters are not an overview query string (?q=…&view=…)"),
});
export type SavedFilter = z.infer<typeof savedFilter>;

export const personSettingsSchema = z.strictObject({
  favourites: z
    .array(favourite)
    .max(settingsLimits.favourites, `more than ${settingsLimits.favourites} favourites`)
    // A set: the same delivery twice is one favourite.
    .transform((ids) => [...new Set(ids)]),
  theme: z.enum(themes, { error: `not one of ${themes.join(", ")}` }),
  savedFilters: z
    .array(savedFilter)
    .max(settingsLimits.savedFilters, `more than ${settingsLimits.savedFilters} saved views`)
    .superRefine((filters, ctx) => {
      const seen = new Set<string>();
      for (const f of filters) {
        if (seen.has(f.name))
          ctx.addIssue({ code: "custom", message: `two saved views are named "${f.name}"` });
        seen.add(f.name);
      }
    }),
});
export type PersonSettingsValues = z.infer<typeof personSettingsSchema>;
export type SettingName = keyof PersonSettingsValues;

/** A change: any of the settings, each replaced whole. */
export const settingsPatchSchema = personSettingsSchema.partial();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const defaultSettings: PersonSettingsValues = { favourites: [], theme: "system", savedFilters: [] };

/** Thrown for a change that breaks a rule above; nothing is saved. */
export class InvalidSettingsError extends Error {}

/** The patch, or InvalidSettingsError naming every rule it breaks and where. */
export function parseSettingsPatch(raw: unknown): z.output<typeof settingsPatchSchema> {
  const parsed = settingsPatchSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
    return `${where}${issue.message}`;
  });
  throw new InvalidSettingsError(`Settings not saved: ${problems.slice(0, 5).join("; ")}.`);
}
