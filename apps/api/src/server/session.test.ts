// Browser sign-in over real HTTP: the token buys an opaque, revocable session id in an HttpOnly cookie
// that opens tRPC; a wrong or malformed token changes nothing; sign-out revokes the session, so a
// replayed cookie opens nothing; failed attempts are throttled and logged without the secret.
import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSetCookie } from "cookie";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../observability/logger";
import { createServices, type RunningServices } from "../runtime/create-services";
import { backendNamed, storeBackendNames } from "../store/testing/store-matrix";
import { AuthThrottle } from "./auth-throttle";
import { createApiServer, listen } from "./http-server";

const token = "a-test-token-of-enough-length";
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;
const cookieName = "rollscope_session_3100";

async function serve(authToken: string | undefined, lines: string[] = []) {
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const running = await createServices([], {
    dataDir: mkdtempSync(join(tmpdir(), "rollscope-session-")),
    readOnly: false,
    log: lines.length === 0 && authToken === undefined ? silentLogger() : log,
  });
  await running.start();
  const server = createApiServer(running.services, {
    tokens: authToken ? [{ name: "holder", secret: authToken }] : [],
    allowedOrigins: [],
    webPort: 3100,
    throttle: new AuthThrottle({ maxFailures: 5, windowMs: 60_000 }),
  });
  const port = await listen(server, "127.0.0.1", 0);
  return { running, server, base: `http://127.0.0.1:${port}` };
}

describe("sign-in with a token", () => {
  let running: RunningServices;
  let server: Server;
  let base: string;
  const lines: string[] = [];
  beforeAll(async () => ({ running, server, base } = await serve(token, lines)));
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
    expect(await res.json()).toEqual({ mode: "token", tokenRequired: true, signedIn: false, exposure: [] });
    expect((await clusters({})).status).toBe(401);
  });

  it("sets an opaque HttpOnly SameSite=Strict session cookie, never the token, which opens tRPC", async () => {
    const res = await signIn(JSON.stringify({ token: ` ${token}\n` }), { "x-forwarded-for": "10.1.1.1" });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(parseSetCookie(setCookie)).toEqual({
      name: cookieName,
      value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      maxAge: 43200,
      path: "/",
      httpOnly: true,
      sameSite: "strict",
    });
    expect(setCookie).not.toContain(token);
    const cookie = setCookie.split(";")[0] ?? "";
    expect((await clusters({ cookie })).status).toBe(200);
    expect(await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()).toMatchObject({
      signedIn: true,
    });
    // The raw token as a cookie opens nothing: cookies are not the master token any more.
    expect((await clusters({ cookie: `${cookieName}=${token}` })).status).toBe(401);
  });

  it("sign-out revokes the session: the same cookie replayed afterwards opens nothing", async () => {
    const setCookie = (await signIn(JSON.stringify({ token }))).headers.get("set-cookie") ?? "";
    const cookie = setCookie.split(";")[0] ?? "";
    expect((await clusters({ cookie })).status).toBe(200);
    const out = await fetch(`${base}/api/session`, { method: "DELETE", headers: { cookie } });
    expect(out.status).toBe(200);
    expect(parseSetCookie(out.headers.get("set-cookie") ?? "")).toEqual({
      name: cookieName,
      value: "",
      maxAge: 0,
      path: "/",
      httpOnly: true,
      sameSite: "strict",
    });
    const replay = await clusters({ cookie });
    expect(replay.status).toBe(401);
    expect(JSON.stringify(await replay.json())).toMatch(/session has ended/);
  });

  it("reads the session from a malformed or crowded Cookie header, and answers garbage with a 401", async () => {
    const client = { "x-forwarded-for": "10.3.3.3" };
    const setCookie = (await signIn(JSON.stringify({ token }), client)).headers.get("set-cookie") ?? "";
    const session = setCookie.split(";")[0] ?? "";
    const big = `big=${"v".repeat(10 * 1024)}`;
    for (const beside of ["a=%E0%A4%A", "=;;=", big, `${cookieName}=second-of-two`])
      expect((await clusters({ ...client, cookie: `${beside}; ${session}` })).status).toBe(
        beside.startsWith(cookieName) ? 401 : 200,
      );
    expect((await clusters({ ...client, cookie: `${session}; ${cookieName}=second-of-two` })).status).toBe(
      200,
    );
    for (const garbage of ["a=%E0%A4%A", "=;;=", big]) {
      const refused = await clusters({ ...client, cookie: garbage });
      expect(refused.status).toBe(401);
      expect(JSON.stringify(await refused.json())).toMatch(/Sign in: send the Rollscope token/);
    }
    for (const value of ["%E0%A4%A", "v".repeat(10 * 1024)]) {
      const refused = await clusters({ ...client, cookie: `${cookieName}=${value}` });
      expect(refused.status).toBe(401);
      expect(JSON.stringify(await refused.json())).toMatch(/session has ended/);
    }
  });

  it("refuses a wrong token, a malformed body and another site's page, setting nothing", async () => {
    const wrong = await signIn(JSON.stringify({ token: "not-the-token-at-all" }), {
      "x-forwarded-for": "10.2.2.2",
    });
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

  it("throttles failed sign-ins and bearer guesses per client, and logs each without the secret", async () => {
    const client = { "x-forwarded-for": "10.9.9.9" };
    for (let i = 0; i < 3; i++)
      expect((await signIn(JSON.stringify({ token: `guess-number-${i}-xxxxxxxx` }), client)).status).toBe(
        401,
      );
    for (let i = 0; i < 2; i++)
      expect((await clusters({ ...client, authorization: `Bearer bearer-guess-${i}-xxxxxxxx` })).status).toBe(
        401,
      );
    // Five failures: now even the right token waits, with Retry-After.
    const blocked = await signIn(JSON.stringify({ token }), client);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await errorOf(blocked)).toMatch(/Too many failed sign-in attempts/);
    expect((await clusters({ ...client, authorization: `Bearer ${token}` })).status).toBe(429);
    // Another client is not affected.
    expect((await clusters({ "x-forwarded-for": "10.8.8.8", authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
    const failures = lines.filter((l) => l.includes("failed"));
    expect(failures.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      expect(line).not.toContain("guess-number");
      expect(line).not.toContain("bearer-guess");
      expect(line).not.toContain(token);
    }
  });

  it("keeps /metrics behind the token and /readyz free of cluster names", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe("ready");
  });
});

describe.each(storeBackendNames())("a browser moving between replicas on %s", (backend) => {
  it("stays signed in on the other replica, and a sign-out on one ends it on both", async () => {
    const store = await backendNamed(backend)();
    const replica = async () => {
      const running = await createServices([], {
        dataDir: mkdtempSync(join(tmpdir(), "rollscope-session-")),
        readOnly: false,
        log: silentLogger(),
        store: await store.open(),
      });
      await running.start();
      const server = createApiServer(running.services, {
        tokens: [{ name: "holder", secret: token }],
        allowedOrigins: [],
        webPort: 3100,
      });
      const base = `http://127.0.0.1:${await listen(server, "127.0.0.1", 0)}`;
      return { running, server, base };
    };
    const a = await replica();
    const b = await replica();
    try {
      const signedIn = await fetch(`${a.base}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const clustersOn = (base: string) => fetch(`${base}/api/trpc/clusters.list`, { headers: { cookie } });
      expect((await clustersOn(b.base)).status).toBe(200);
      expect(await (await fetch(`${b.base}/api/session`, { headers: { cookie } })).json()).toMatchObject({
        signedIn: true,
        actor: "token holder",
      });
      expect((await fetch(`${b.base}/api/session`, { method: "DELETE", headers: { cookie } })).status).toBe(
        200,
      );
      expect((await clustersOn(a.base)).status).toBe(401);
    } finally {
      for (const { server, running } of [a, b]) {
        server.close();
        await running.stop();
      }
      await store.cleanup();
    }
  });
});

describe("without a token", () => {
  it("needs no sign-in, and says there is nothing to sign in to", async () => {
    const { running, server, base } = await serve(undefined);
    try {
      expect(await (await fetch(`${base}/api/session`)).json()).toEqual({
        mode: "local",
        tokenRequired: false,
        signedIn: true,
        exposure: [],
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

describe("named tokens", () => {
  it("name the holder, so the audit tells scripts apart", async () => {
    const running = await createServices([], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-session-")),
      readOnly: false,
      log: silentLogger(),
    });
    await running.start();
    const server = createApiServer(running.services, {
      allowedOrigins: [],
      tokens: [
        { name: "ci", secret: "ci-secret-of-enough-length" },
        { name: "deploy-bot", secret: "deploy-secret-of-enough-length" },
      ],
    });
    const base = `http://127.0.0.1:${await listen(server, "127.0.0.1", 0)}`;
    try {
      const as = async (secret: string) =>
        (await (
          await fetch(`${base}/api/session`, { headers: { authorization: `Bearer ${secret}` } })
        ).json()) as {
          actor?: string;
        };
      expect((await as("ci-secret-of-enough-length")).actor).toBe("token ci");
      expect((await as("deploy-secret-of-enough-length")).actor).toBe("token deploy-bot");
      expect((await as("neither-of-the-two-secrets")).actor).toBeUndefined();
    } finally {
      server.close();
      await running.stop();
    }
  });
});

describe("exposure", () => {
  it("tells every browser what this Rollscope exposes without sign-in, for the header", async () => {
    const running = await createServices([], {
      dataDir: mkdtempSync(join(tmpdir(), "rollscope-session-")),
      readOnly: true,
      log: silentLogger(),
    });
    await running.start();
    const warning =
      "No sign-in: anyone who can reach every network interface can read every delivery (read-only, no token).";
    const server = createApiServer(running.services, { allowedOrigins: [], exposure: [warning] });
    const base = `http://127.0.0.1:${await listen(server, "127.0.0.1", 0)}`;
    try {
      expect(await (await fetch(`${base}/api/session`)).json()).toMatchObject({
        mode: "local",
        exposure: [warning],
      });
    } finally {
      server.close();
      await running.stop();
    }
  });
});
