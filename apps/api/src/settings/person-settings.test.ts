import { actorKey, tokenActorNamed } from "@rollscope/shared/identity/actor";
import { describe, expect, it } from "vitest";
import { storeBackendNames, useTestStore } from "../store/testing/store-matrix";
import { PersonSettings } from "./person-settings";
import { InvalidSettingsError } from "./settings-schema";

const alice = actorKey({ name: "alice@example.com", groups: ["dev"], via: "oidc", impersonate: true });
const bob = actorKey(tokenActorNamed("ci"));
const myapp = "demo/Rollout/rollouts-demo/myapp";
const podinfo = "arn:aws:eks:eu-west-1:1:cluster/prod/Canary/test/podinfo";

describe.each(storeBackendNames())("person settings on %s", (backend) => {
  const { open, closeAll } = useTestStore(backend);

  it("answers defaults for a person who has set nothing", async () => {
    const settings = new PersonSettings(await open());
    expect(await settings.get(alice)).toEqual({
      favourites: [],
      theme: "system",
      savedFilters: [],
      chosen: [],
    });
  });

  it("merges each change into what the person set, and keeps people apart", async () => {
    const settings = new PersonSettings(await open());
    await settings.update(alice, { favourites: [myapp, podinfo, myapp] });
    const after = await settings.update(alice, {
      theme: "dark",
      savedFilters: [{ name: "Paused in prod", query: "?view=paused&cluster=prod" }],
    });
    const expected = {
      favourites: [myapp, podinfo],
      theme: "dark",
      savedFilters: [{ name: "Paused in prod", query: "?view=paused&cluster=prod" }],
      chosen: ["favourites", "theme", "savedFilters"],
    };
    expect(after).toEqual(expected);
    expect(await settings.get(alice)).toEqual(expected);
    expect(await settings.get(bob)).toMatchObject({ favourites: [], theme: "system", chosen: [] });
    // Emptying a list is a choice too: it is not mistaken for "never set".
    expect(await settings.update(alice, { favourites: [] })).toMatchObject({
      favourites: [],
      chosen: ["favourites", "theme", "savedFilters"],
    });
  });

  it("shows a change made through one replica to another, and after a restart", async () => {
    const first = new PersonSettings(await open());
    const second = new PersonSettings(await open());
    await first.update(alice, { favourites: [myapp], theme: "light" });
    expect(await second.get(alice)).toMatchObject({ favourites: [myapp], theme: "light" });
    await second.update(alice, { theme: "dark" });
    expect(await first.get(alice)).toMatchObject({ favourites: [myapp], theme: "dark" });
    await closeAll();
    const restarted = new PersonSettings(await open());
    expect(await restarted.get(alice)).toMatchObject({ favourites: [myapp], theme: "dark" });
  });

  it("refuses a change that breaks a rule, says which, and saves nothing of it", async () => {
    const settings = new PersonSettings(await open());
    await settings.update(alice, { favourites: [myapp], theme: "dark" });
    const before = await settings.get(alice);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `demo/Rollout/ns/app-${i}`);
    const cases: Array<[unknown, RegExp]> = [
      [{ favourites: tooMany }, /favourites: more than 1000 favourites/],
      [{ favourites: [`demo/Rollout/ns/${"a".repeat(600)}`] }, /favourites\.0: .*longer than 600/],
      [{ favourites: ["not an id"] }, /not a cluster\/kind\/namespace\/name id/],
      [{ theme: "purple", favourites: [] }, /theme: not one of light, dark, system/],
      [
        {
          savedFilters: [
            { name: "mine", query: "?view=paused" },
            { name: "mine", query: "" },
          ],
        },
        /two saved views are named "mine"/,
      ],
      [{ savedFilters: [{ name: "", query: "" }] }, /a saved view needs a name/],
      [{ savedFilters: [{ name: "x".repeat(81), query: "" }] }, /name is longer than 80/],
      [{ savedFilters: [{ name: "long", query: `?q=${"a".repeat(2000)}` }] }, /longer than 2000/],
      [{ savedFilters: [{ name: "frag", query: "?q=a#b" }] }, /not an overview query string/],
      [
        { savedFilters: Array.from({ length: 51 }, (_, i) => ({ name: `v${i}`, query: "" })) },
        /more than 50 saved views/,
      ],
      [{ colour: "red" }, /Unrecognized key/],
      ["favourites", /expected object/],
    ];
    for (const [patch, message] of cases) {
      const attempt = settings.update(alice, patch);
      await expect(attempt, JSON.stringify(patch).slice(0, 80)).rejects.toBeInstanceOf(InvalidSettingsError);
      await expect(settings.update(alice, patch)).rejects.toThrow(message);
      await expect(settings.update(alice, patch)).rejects.toThrow(/^Settings not saved: /);
    }
    expect(await settings.get(alice)).toEqual(before);
  });

  it("drops a stored value that no longer passes the rules rather than failing the page", async () => {
    const database = await open();
    const settings = new PersonSettings(database);
    await database.db
      .insertInto("person_settings")
      .values({
        person: alice,
        updated_ms: 1,
        settings: JSON.stringify({ theme: "sepia", favourites: [myapp] }),
      })
      .execute();
    expect(await settings.get(alice)).toMatchObject({
      theme: "system",
      favourites: [myapp],
      chosen: ["favourites"],
    });
  });
});
