import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";
import { exposureWarnings, startupWarnings } from "./exposure";

const good = "b7f0c1d2e3f4a5b6c7d8";

describe("the auth token", () => {
  it("is read from a file (without its final newline), the environment or the flag", () => {
    const read = (path: string) => (path === "/run/token" ? `${good}\n` : "");
    const fromFile = parseConfig(["--auth-token-file", "/run/token"], {}, read);
    expect(fromFile).toMatchObject({
      ok: true,
      config: { auth: "token", authTokens: [{ name: "holder", secret: good }], authTokenSource: "file" },
    });
    expect(parseConfig([], { ROLLSCOPE_TOKEN: good })).toMatchObject({
      config: { authTokenSource: "environment" },
    });
    const flag = parseConfig(["--auth-token", good], {});
    expect(flag).toMatchObject({ config: { authTokenSource: "command line" } });
    if (flag.ok) expect(startupWarnings(flag.config)[0]).toMatch(/visible in the process list/);
  });

  it("refuses spaces, one repeated character, short tokens, two sources and an unreadable file", () => {
    const error = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      const result = parseConfig(argv, env, () => {
        throw Object.assign(new Error("no"), { code: "ENOENT" });
      });
      return result.ok ? "" : result.error;
    };
    expect(error(["--auth-token", " ".repeat(20)])).toMatch(/spaces or line breaks around it/);
    expect(error(["--auth-token", ` ${good}`])).toMatch(/spaces or line breaks around it/);
    expect(error(["--auth-token", "a".repeat(32)])).toMatch(/one character repeated/);
    expect(error(["--auth-token", "short"])).toMatch(/at least 16 characters/);
    expect(error(["--auth-token", good], { ROLLSCOPE_TOKEN: good })).toMatch(/give the auth tokens one way/);
    expect(error(["--auth-token-file", "/nope"])).toMatch(/cannot read the auth token file \/nope: ENOENT/);
  });

  it("names tokens so the audit tells scripts apart, and refuses duplicates", () => {
    const read = () => `ci=${good}\ndeploy-bot=${good}x\n\n`;
    expect(parseConfig(["--auth-token-file", "/t"], {}, read)).toMatchObject({
      config: {
        authTokens: [
          { name: "ci", secret: good },
          { name: "deploy-bot", secret: `${good}x` },
        ],
      },
    });
    expect(parseConfig(["--auth-token", `ci=${good}`, "--auth-token", `ci=${good}y`], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/two tokens are named ci/),
    });
    expect(parseConfig(["--auth-token", `a=${good}`, "--auth-token", `b=${good}`], {})).toMatchObject({
      error: expect.stringMatching(/are the same secret/),
    });
    // An "=" that does not follow a token name belongs to the secret (base64 padding).
    expect(parseConfig(["--auth-token", "QUJDREVGR0hJSktMTU5PUA=="], {})).toMatchObject({
      config: { authTokens: [{ name: "holder", secret: "QUJDREVGR0hJSktMTU5PUA==" }] },
    });
  });

  it("chooses the mode from what is given, and refuses settings that do not fit it", () => {
    expect(parseConfig([], {})).toMatchObject({ config: { auth: "local" } });
    expect(parseConfig(["--auth", "token"], {})).toMatchObject({
      error: expect.stringMatching(/token mode needs a token/),
    });
    expect(parseConfig(["--auth", "oidc"], {})).toMatchObject({
      error: expect.stringMatching(/--oidc-issuer URL and --oidc-client-id/),
    });
    expect(parseConfig(["--auth", "local", "--auth-token", good], {})).toMatchObject({
      error: expect.stringMatching(/local mode asks for no token/),
    });
    const oidc = parseConfig(
      [
        "--oidc-issuer",
        "https://dex.example.com/dex",
        "--oidc-client-id",
        "rollscope",
        "--oidc-client-secret-file",
        "/s",
      ],
      {},
      () => "s3cret\n",
    );
    expect(oidc).toMatchObject({
      config: {
        auth: "oidc",
        oidc: {
          issuer: "https://dex.example.com/dex",
          clientId: "rollscope",
          clientSecret: "s3cret",
          usernameClaim: "email",
          groupsClaim: "groups",
        },
      },
    });
    expect(parseConfig(["--authorize-actions", "maybe"], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/--authorize-actions/),
    });
  });

  it("warns about what an anonymous or read-only exposed Rollscope shows", () => {
    const anonymous = parseConfig(["--host", "0.0.0.0", "--allow-anonymous"], {});
    expect(anonymous.ok && exposureWarnings(anonymous.config)[0]).toMatch(
      /anyone who can reach every network interface can act/,
    );
    const readOnly = parseConfig(["--read-only"], { ROLLSCOPE_WEB_HOST: "10.0.0.5" });
    expect(readOnly.ok && exposureWarnings(readOnly.config)[0]).toMatch(
      /anyone who can reach 10.0.0.5 can read every delivery/,
    );
    const local = parseConfig([], {});
    expect(local.ok && exposureWarnings(local.config)).toEqual([]);
  });
});
