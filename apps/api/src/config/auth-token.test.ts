import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";
import { exposureWarnings, startupWarnings } from "./exposure";

const good = "b7f0c1d2e3f4a5b6c7d8";

describe("the auth token", () => {
  it("is read from a file (without its final newline), the environment or the flag", () => {
    const read = (path: string) => (path === "/run/token" ? `${good}\n` : "");
    const fromFile = parseConfig(["--auth-token-file", "/run/token"], {}, read);
    expect(fromFile).toMatchObject({ ok: true, config: { authToken: good, authTokenSource: "file" } });
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
    expect(error(["--auth-token", good], { ROLLSCOPE_TOKEN: good })).toMatch(/give the auth token once/);
    expect(error(["--auth-token-file", "/nope"])).toMatch(/cannot read the auth token file \/nope: ENOENT/);
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
