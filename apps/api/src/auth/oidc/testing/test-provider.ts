// A real, certified OpenID provider in-process (panva's oidc-provider) for the sign-in tests, with its
// own development login and consent pages: any login name is accepted and looked up in `accounts`.
// oidc-provider ships no types: the reference brings ours to every program that imports this file.
/// <reference path="./oidc-provider.d.ts" />
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ProviderConfiguration } from "oidc-provider";

export interface TestAccount {
  email?: string;
  groups?: string[];
}

export const testAccounts: Record<string, TestAccount> = {
  alice: { email: "alice@example.com", groups: ["rollout-operators"] },
  bob: { email: "bob@example.com", groups: ["viewers"] },
  // The provider knows carol but sends no groups claim for her.
  carol: { email: "carol@example.com" },
};

export const publicClientId = "rollscope";
export const confidentialClientId = "rollscope-confidential";
export const confidentialClientSecret = "a-client-secret-that-is-long-enough-for-hs256";

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

export interface TestProviderOptions {
  /** Callback URLs registered for both clients. */
  redirectUris: string[];
  /**
   * Where the person's claims go. `userinfo` (oidc-provider's default for the code flow): the ID token
   * carries only `sub`, the rest comes from the userinfo endpoint. `id-token`: every claim is in the ID
   * token and there is no userinfo endpoint at all.
   */
  claimsIn?: "userinfo" | "id-token";
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idToken = options.claimsIn === "id-token";
  const configuration: ProviderConfiguration = {
    clients: [
      {
        client_id: publicClientId,
        token_endpoint_auth_method: "none",
        redirect_uris: options.redirectUris,
      },
      {
        client_id: confidentialClientId,
        client_secret: confidentialClientSecret,
        redirect_uris: options.redirectUris,
      },
    ],
    claims: { openid: ["sub"], email: ["email"], groups: ["groups"], profile: ["name"] },
    conformIdTokenClaims: !idToken,
    features: { devInteractions: { enabled: true }, userinfo: { enabled: !idToken } },
    cookies: { keys: ["a-cookie-signing-key-for-tests"] },
    // Explicit lifetimes (seconds), which also keeps the provider from printing a notice for each.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: (_context, id) => {
      const account = testAccounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on("request", provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens: an unreachable issuer. */
export async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
