// The shared token, from exactly one of --auth-token-file / ROLLSCOPE_TOKEN_FILE, ROLLSCOPE_TOKEN or
// --auth-token (the last is visible in `ps`, so it draws a warning). A token that is easy to guess or
// carries stray spaces is refused at start rather than accepted in a form nobody can type.
import { readFileSync } from "node:fs";

export type TokenSource = "file" | "environment" | "command line";

export type TokenResult =
  | { ok: true; token: string | undefined; source?: TokenSource }
  | { ok: false; error: string };

/** Why a token is refused, or undefined when it will do. */
export function tokenWeakness(token: string): string | undefined {
  if (token.trim() !== token)
    return "the auth token has spaces or line breaks around it; remove them (a browser sign-in could never match it)";
  if (token.length < 16) return "the auth token must be at least 16 characters (e.g. `openssl rand -hex 24`)";
  if (new Set(token).size === 1)
    return "the auth token is one character repeated; use a random one (e.g. `openssl rand -hex 24`)";
  return undefined;
}

export function resolveAuthToken(
  sources: { flag?: string | undefined; file?: string | undefined; env?: string | undefined },
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): TokenResult {
  const given = [sources.flag, sources.file, sources.env].filter((s) => s !== undefined && s !== "");
  if (given.length > 1)
    return {
      ok: false,
      error: "give the auth token once: --auth-token-file, ROLLSCOPE_TOKEN or --auth-token",
    };
  let token: string | undefined;
  let source: TokenSource | undefined;
  if (sources.file) {
    try {
      // Files end with a newline by convention; that one is not part of the token.
      token = readFile(sources.file).replace(/\r?\n$/, "");
    } catch (error) {
      return {
        ok: false,
        error: `cannot read the auth token file ${sources.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      };
    }
    source = "file";
  } else if (sources.env) {
    token = sources.env;
    source = "environment";
  } else if (sources.flag !== undefined) {
    token = sources.flag;
    source = "command line";
  }
  if (token === undefined) return { ok: true, token: undefined };
  const weakness = tokenWeakness(token);
  if (weakness) return { ok: false, error: weakness };
  return { ok: true, token, source };
}
