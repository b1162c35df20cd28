// Settings through the API's front door, as the browser and scripts reach them: each person their own
// row, shared by every replica on the store, kept in --read-only mode, bad input refused with the
// reason, another site's page refused.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../observability/logger";
import { createServices, type RunningServices } from "../../runtime/create-services";
import { createApiServer, listen } from "../../server/http-server";
import { rawRequest } from "../../server/test-http";
import { backendNamed, type StoreUnderTest, storeBackendNames } from "../../store/testing/store-matrix";
import { createCaller } from "../root-router";

const tokens = [
  { name: "alice", secret: "alice-secret-0123456789abcdef" },
  { name: "bob", secret: "bob-secret-0123456789abcdef01" },
];
const myapp = "demo/Rollout/rollouts-demo/myapp";

interface Replica {
  running: RunningServices;
  server: Server;
  base: string;
}

describe.each(storeBackendNames())("settings router on %s", (backend) => {
  let store: StoreUnderTest | undefined;
  const replicas: Replica[] = [];
  afterEach(async () => {
    for (const r of replicas.splice(0)) {
      r.server.close();
      await r.running.stop();
    }
    await store?.cleanup();
    store = undefined;
  });

  /** One API process on the shared store, read-only: settings are no cluster change. */
  async function startReplica(): Promise<Replica> {
    store ??= await backendNamed(backend)();
    const running = await createServices([], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-settings-")),
      store: await store.open(),
      readOnly: true,
      log: silentLogger(),
    });
    await running.start();
    const server = createApiServer(running.services, { allowedOrigins: [], tokens });
    const port = await listen(server, "127.0.0.1", 0);
    const replica = { running, server, base: `http://127.0.0.1:${port}` };
    replicas.push(replica);
    return replica;
  }

  const as = (person: string) => ({
    authorization: `Bearer ${tokens.find((t) => t.name === person)?.secret}`,
  });
  async function get(replica: Replica, person: string) {
    const res = await rawRequest(replica.base, "/api/trpc/settings.get", { headers: as(person) });
    expect(res.status, res.body).toBe(200);
    return JSON.parse(res.body).result.data;
  }
  const update = (replica: Replica, person: string, patch: unknown, headers: Record<string, string> = {}) =>
    rawRequest(replica.base, "/api/trpc/settings.update", {
      method: "POST",
      headers: { ...as(person), "content-type": "application/json", ...headers },
      body: JSON.stringify(patch),
    });

  it("keeps each person's settings, in read-only mode, visible from another replica", async () => {
    const one = await startReplica();
    const two = await startReplica();
    expect(await get(one, "alice")).toEqual({
      favourites: [],
      theme: "system",
      savedFilters: [],
      chosen: [],
    });

    const saved = await update(one, "alice", {
      favourites: [myapp],
      savedFilters: [{ name: "Paused", query: "?view=paused" }],
    });
    expect(saved.status, saved.body).toBe(200);
    expect(JSON.parse(saved.body).result.data).toMatchObject({ favourites: [myapp], theme: "system" });

    expect(await get(two, "alice")).toEqual({
      favourites: [myapp],
      theme: "system",
      savedFilters: [{ name: "Paused", query: "?view=paused" }],
      chosen: ["favourites", "savedFilters"],
    });
    expect(await get(two, "bob")).toMatchObject({ favourites: [], chosen: [] });
  });

  it("refuses bad input with the reason and changes nothing", async () => {
    const one = await startReplica();
    expect((await update(one, "alice", { theme: "dark" })).status).toBe(200);
    const bad = await update(one, "alice", {
      theme: "light",
      savedFilters: [
        { name: "x", query: "" },
        { name: "x", query: "?view=paused" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toBe(
      'Settings not saved: savedFilters: two saved views are named "x".',
    );
    expect(await get(one, "alice")).toMatchObject({ theme: "dark", savedFilters: [] });
  });

  it("refuses a change sent by another site's page, and a caller without a token", async () => {
    const one = await startReplica();
    const crossSite = await update(
      one,
      "alice",
      { theme: "dark" },
      { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toMatch(/may not change anything here/);
    const nobody = await rawRequest(one.base, "/api/trpc/settings.get");
    expect(nobody.status).toBe(401);
    expect(await get(one, "alice")).toMatchObject({ theme: "system", chosen: [] });
  });

  it("refuses an anonymous caller: settings belong to a person", async () => {
    const { running } = await startReplica();
    const caller = createCaller({
      services: running.services,
      actor: { name: "10.0.0.9", groups: [], via: "anonymous", impersonate: false },
      identity: "anonymous (10.0.0.9)",
    });
    await expect(caller.settings.get()).rejects.toThrow(/Settings are kept per person/);
    await expect(caller.settings.update({ theme: "dark" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
