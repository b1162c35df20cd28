// Browser sign-in over real HTTP: the token becomes an HttpOnly cookie that opens tRPC, a wrong or
// malformed token changes nothing, and sign-out clears the cookie.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices, type RunningServices } from "../runtime/create-services";
import { createApiServer, listen } from "./http-server";

const token = "a-test-token-of-enough-length";
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

async function serve(authToken: string | undefined) {
  const running = createServices([], {
    dataDir: mkdtempSync(join(tmpdir(), "rollscope-session-")),
    readOnly: false,
    log: silentLogger(),
  });
  await running.start();
  const server = createApiServer(running.services, { authToken, allowedOrigins: [] });
  const port = await listen(server, "127.0.0.1", 0);
  return { running, server, base: `http://127.0.0.1:${port}` };
}

describe("sign-in with a token", () => {
  let running: RunningServices;
  let server: Server;
  let base: string;
  beforeAll(async () => ({ running, server, base } = await serve(token)));
  afterAll(async () => {
    server.close();
    await running.stop();
  });

  const signIn = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
  const clusters = (headers: Record<string, string>) => fetch(`${base}/api/trpc/clusters.list`, { headers });

  it("says a token is required and this browser does not have it", async () => {
    const res = await fetch(`${base}/api/session`);
    expect(await res.json()).toEqual({ tokenRequired: true, signedIn: false });
    expect((await clusters({})).status).toBe(401);
  });

  it("sets an HttpOnly, SameSite=Strict cookie for the right token, which opens tRPC", async () => {
    const res = await signIn(JSON.stringify({ token: ` ${token}\n` }));
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      /^rollscope_token=a-test-token-of-enough-length; Path=\/; HttpOnly; SameSite=Strict/,
    );
    const cookie = setCookie.split(";")[0] ?? "";
    expect((await clusters({ cookie })).status).toBe(200);
    expect(await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()).toEqual({
      tokenRequired: true,
      signedIn: true,
    });
  });

  it("refuses a wrong token, a malformed body and another site's page, setting nothing", async () => {
    const wrong = await signIn(JSON.stringify({ token: "not-the-token-at-all" }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(await errorOf(wrong)).toMatch(/not this Rollscope's token/);
    const malformed = await signIn("{token:");
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatch(/Expected JSON/);
    const empty = await signIn(JSON.stringify({ token: "" }));
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toBe("paste the Rollscope token");
    const crossSite = await signIn(JSON.stringify({ token }), { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie")).toBeNull();
  });

  it("sign-out expires the cookie", async () => {
    const res = await fetch(`${base}/api/session`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(
      /^rollscope_token=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/,
    );
  });
});

describe("without a token", () => {
  it("needs no sign-in, and says there is nothing to sign in to", async () => {
    const { running, server, base } = await serve(undefined);
    try {
      expect(await (await fetch(`${base}/api/session`)).json()).toEqual({
        tokenRequired: false,
        signedIn: true,
      });
      const res = await fetch(`${base}/api/session`, { method: "POST", body: JSON.stringify({ token }) });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatch(/does not require a token/);
    } finally {
      server.close();
      await running.stop();
    }
  });
});
