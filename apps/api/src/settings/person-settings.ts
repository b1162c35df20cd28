// Each person's settings, one row per person in the store, so every browser and every replica sees
// the same favourites, theme and saved views. A change is merged into what is stored and the whole row
// rewritten in one statement: the last write wins, and no reader ever sees half a change.
import type { Database } from "../store/database";
import {
  defaultSettings,
  type PersonSettingsValues,
  parseSettingsPatch,
  personSettingsSchema,
  type SettingName,
} from "./settings-schema";

export interface PersonSettingsView extends PersonSettingsValues {
  /** The settings this person has set; the others are defaults (the browser moves old local ones in). */
  chosen: SettingName[];
}

const settingNames = Object.keys(defaultSettings) as SettingName[];

export class PersonSettings {
  constructor(
    private readonly store: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** `person` is actorKey(actor). */
  async get(person: string): Promise<PersonSettingsView> {
    return view(await this.stored(person));
  }

  /**
   * Merges a change (any settings, each replaced whole) into the person's settings. Throws
   * InvalidSettingsError, saving nothing, when the change breaks a limit.
   */
  async update(person: string, patch: unknown): Promise<PersonSettingsView> {
    const change = parseSettingsPatch(patch);
    const next = { ...(await this.stored(person)), ...change };
    const settings = JSON.stringify(next);
    const updated_ms = this.now();
    await this.store.db
      .insertInto("person_settings")
      .values({ person, updated_ms, settings })
      .onConflict((oc) => oc.column("person").doUpdateSet({ updated_ms, settings }))
      .execute();
    return view(next);
  }

  /** The settings the person has set. A value that no longer passes the rules is dropped, not fatal. */
  private async stored(person: string): Promise<Partial<PersonSettingsValues>> {
    const row = await this.store.db
      .selectFrom("person_settings")
      .select("settings")
      .where("person", "=", person)
      .executeTakeFirst();
    if (!row) return {};
    let raw: unknown;
    try {
      raw = JSON.parse(row.settings);
    } catch {
      return {};
    }
    if (typeof raw !== "object" || raw === null) return {};
    const kept: Partial<PersonSettingsValues> = {};
    for (const name of settingNames) {
      const value = personSettingsSchema.shape[name].safeParse((raw as Record<string, unknown>)[name]);
      if (value.success) Object.assign(kept, { [name]: value.data });
    }
    return kept;
  }
}

function view(stored: Partial<PersonSettingsValues>): PersonSettingsView {
  return {
    ...defaultSettings,
    ...stored,
    chosen: settingNames.filter((name) => stored[name] !== undefined),
  };
}
