// Starting the OIDC sign-in checks the provider once: a wrong issuer (nothing there, no discovery
// document, a provider calling itself by another name, plain http to another machine) stops the start
// with one line saying what to set.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionStore } from "../../server/session-store";
import { type Database, openDatabase } from "../../store/database";
import { createOidcSignIn, type OidcSettingsInput, OidcStartError } from "./oidc-sign-in";
import { closedPort, publicClientId, startTestProvider, type TestProvider } from "./testing/test-provider";

describe("a wrong issuer stops the start with one clear line", () => {
  let provider: TestProvider;
  let dataDir: string;
  let database: Database;
  const log = pino({ level: "silent" });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "rollscope-oidc-start-"));
    database = await openDatabase({ dataDir });
    provider = await startTestProvider({ redirectUris: ["http://127.0.0.1:3100/api/auth/callback"] });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    await provider.close();
  });

  const startWith = (settings: Partial<OidcSettingsInput>) =>
    createOidcSignIn({
      settings: { issuer: provider.issuer, clientId: publicClientId, ...settings },
      sessions: new SessionStore(database),
      webPort: 3100,
      log,
    });

  it("nothing listens there", async () => {
    const issuer = `http://127.0.0.1:${await closedPort()}`;
    const error = await startWith({ issuer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcStartError);
    expect((error as Error).message).toBe(
      `--oidc-issuer ${issuer}: cannot discover the OpenID provider: it could not be reached: connection failed (ECONNREFUSED)`,
    );
  });

  it("a path where no discovery document is", async () => {
    const issuer = `${provider.issuer}/realms/nope`;
    await expect(startWith({ issuer })).rejects.toThrow(
      `--oidc-issuer ${issuer}: cannot discover the OpenID provider: ${issuer}/.well-known/openid-configuration answered HTTP 404: is the issuer URL right?`,
    );
  });

  it("a provider that calls itself by another name", async () => {
    const impostor = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ issuer: "https://login.example.com", authorization_endpoint: "https://x" }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    try {
      await expect(startWith({ issuer })).rejects.toThrow(
        `--oidc-issuer ${issuer}: cannot discover the OpenID provider: its discovery document names the issuer https://login.example.com, not ${issuer}: set --oidc-issuer to exactly that`,
      );
    } finally {
      impostor.close();
    }
  });

  it("plain http to another machine", async () => {
    await expect(startWith({ issuer: "http://login.example.com" })).rejects.toThrow(
      "OIDC settings: issuer: --oidc-issuer must use https:// (http:// only for a provider on this machine: localhost, 127.0.0.1, [::1])",
    );
  });
});
