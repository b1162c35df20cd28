// (Tests and benches only.) The whole API server in oidc mode over real HTTP on loopback, signing
// people in at a real OpenID provider of its own, with a store of its own in a fresh data dir.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@rollscope/shared/http/free-port";
import { createOidcSignIn, oidcCallbackPath } from "../../auth/oidc/oidc-sign-in";
import { publicClientId, startTestProvider } from "../../auth/oidc/testing/test-provider";
import type { NamedToken } from "../../config/auth-token";
import { silentLogger } from "../../observability/logger";
import { createServices } from "../../runtime/create-services";
import { createApiServer, listen } from "../http-server";
import { SessionStore } from "../session-store";

/** The web port the server is told sits in front of it: its session cookie is rollscope_session_3100. */
const webPort = 3100;

export interface OidcApiServer {
  /** Where the API serves. */
  readonly base: string;
  /** Stops the server, its services and the provider, and removes the data dir. */
  close(): Promise<void>;
}

export async function startOidcApiServer(options: { tokens?: NamedToken[] } = {}): Promise<OidcApiServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startTestProvider({ redirectUris: [`${base}${oidcCallbackPath}`] });
  const dataDir = mkdtempSync(join(tmpdir(), "rollscope-oidc-"));
  const running = await createServices([], { dataDir, readOnly: false, log: silentLogger() });
  await running.start();
  const sessions = new SessionStore(running.services.store);
  const oidc = await createOidcSignIn({
    settings: { issuer: provider.issuer, clientId: publicClientId },
    sessions,
    webPort,
    log: silentLogger(),
  });
  const server = createApiServer(running.services, {
    allowedOrigins: [],
    webPort,
    authMode: "oidc",
    tokens: options.tokens ?? [],
    sessions,
    oidc,
  });
  await listen(server, "127.0.0.1", port);
  return {
    base,
    async close() {
      server.close();
      await running.stop();
      await provider.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
