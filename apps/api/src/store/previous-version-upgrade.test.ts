// Upgrading from the previous version, which kept JSON files in the data dir: the files in
// testing/previous-version-data-dir were written by that version itself (its demo, with a person
// restarting, promoting and aborting, a refused stale click and a follow-up it ran). Everything in
// them is in the store after the first start, shown by the audit and history routers, and a second
// start adds nothing.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeActor, tokenActorNamed } from "@rollscope/shared/identity/actor";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices } from "../runtime/create-services";
import { createCaller } from "../trpc/root-router";
import { backendNamed, type StoreUnderTest, storeBackendNames } from "./testing/store-matrix";

const written = fileURLToPath(new URL("./testing/previous-version-data-dir", import.meta.url));
const lines = (file: string) =>
  readFileSync(join(written, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { id: unknown; result: unknown } & Record<string, unknown>);

describe.each(storeBackendNames())("a data dir written by the previous version, on %s", (backend) => {
  let store: StoreUnderTest;
  let dataDir = "";
  afterEach(async () => {
    await store?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startOn = async () => {
    const running = await createServices([], {
      dataDir,
      readOnly: false,
      log: silentLogger(),
      store: await store.open(),
    });
    await running.start();
    const actor = tokenActorNamed("upgrade-test");
    return {
      running,
      caller: createCaller({ services: running.services, actor, identity: describeActor(actor) }),
    };
  };

  it("is imported once at the first start, with every audit entry and history point, and the files kept", async () => {
    store = await backendNamed(backend)();
    dataDir = mkdtempSync(join(tmpdir(), "rollscope-upgrade-"));
    cpSync(written, dataDir, { recursive: true });
    const audit = lines("audit.jsonl");
    const history = lines("history.jsonl");

    const first = await startOn();
    const listed = await first.caller.audit.list({ limit: 1000 });
    const key = (e: { id: unknown; result: unknown }) => `${e.id}/${e.result}`;
    expect(listed.map(key).sort()).toEqual(audit.map(key).sort());
    // Entries come back as they were written: who, what, on which object, with which requests.
    for (const entry of audit) expect(listed.find((e) => key(e) === key(entry))).toMatchObject(entry);
    // Nothing was left `started`, so nothing is marked interrupted.
    expect(listed.filter((e) => e.result === "interrupted")).toEqual([]);
    const points = await first.running.services.store.db
      .selectFrom("weight_points")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(points.n)).toBe(history.length);
    expect(readdirSync(dataDir).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^audit\.jsonl\.imported-/),
        expect.stringMatching(/^history\.jsonl\.imported-/),
      ]),
    );
    await first.running.stop();

    // A second start, even with the files put back, adds nothing.
    cpSync(written, dataDir, { recursive: true });
    const second = await startOn();
    expect((await second.caller.audit.list({ limit: 1000 })).length).toBe(audit.length);
    await second.running.stop();
  });
});
