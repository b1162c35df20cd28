// The tokens scripts (and, in token mode, browsers signing in) present: from --auth-token-file /
// ROLLSCOPE_TOKEN_FILE (one per line), ROLLSCOPE_TOKEN, or --auth-token (repeatable; visible in `ps`,
// so it draws a warning). Each is `secret` or `name=secret`; the name is what the audit shows
// ("token ci"), so scripts can be told apart. A token that is easy to guess or carries stray spaces
// is refused at start rather than accepted in a form nobody can type.
import { readFileSync } from "node:fs";

export type TokenSource = "file" | "environment" | "command line";

export interface NamedToken {
  name: string;
  secret: string;
}

export type TokensResult =
  | { ok: true; tokens: NamedToken[]; source?: TokenSource }
  | { ok: false; error: string };

/** The name an unnamed token's holder gets in the audit: "token holder". */
export const unnamedTokenName = "holder";

const tokenName = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

/** Why a secret is refused, or undefined when it will do. */
export function tokenWeakness(token: string): string | undefined {
  if (token.trim() !== token)
    return "the auth token has spaces or line breaks around it; remove them (a browser sign-in could never match it)";
  if (token.length < 16) return "the auth token must be at least 16 characters (e.g. `openssl rand -hex 24`)";
  if (new Set(token).size === 1)
    return "the auth token is one character repeated; use a random one (e.g. `openssl rand -hex 24`)";
  return undefined;
}

/** `name=secret` when what precedes the first "=" is a token name, else the whole entry is the secret. */
export function parseTokenEntry(entry: string): NamedToken {
  const eq = entry.indexOf("=");
  const name = eq > 0 ? entry.slice(0, eq) : "";
  return tokenName.test(name)
    ? { name, secret: entry.slice(eq + 1) }
    : { name: unnamedTokenName, secret: entry };
}

export function resolveAuthTokens(
  sources: { flags?: readonly string[] | undefined; file?: string | undefined; env?: string | undefined },
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): TokensResult {
  const flags = sources.flags ?? [];
  const given = [flags.length > 0, Boolean(sources.file), Boolean(sources.env)].filter(Boolean).length;
  if (given > 1)
    return {
      ok: false,
      error: "give the auth tokens one way: --auth-token-file, ROLLSCOPE_TOKEN or --auth-token",
    };
  let entries: string[] = [];
  let source: TokenSource | undefined;
  if (sources.file) {
    let text: string;
    try {
      text = readFile(sources.file);
    } catch (error) {
      return {
        ok: false,
        error: `cannot read the auth token file ${sources.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      };
    }
    // One token per line; the newline that ends a file is not part of a token, blank lines are skipped.
    entries = text.split(/\r?\n/).filter((line) => line !== "");
    if (entries.length === 0) return { ok: false, error: `the auth token file ${sources.file} is empty` };
    source = "file";
  } else if (sources.env) {
    entries = [sources.env];
    source = "environment";
  } else if (flags.length > 0) {
    entries = [...flags];
    source = "command line";
  }
  const tokens: NamedToken[] = [];
  for (const entry of entries) {
    const token = parseTokenEntry(entry);
    const weakness = tokenWeakness(token.secret);
    if (weakness)
      return { ok: false, error: token.name === unnamedTokenName ? weakness : `${token.name}: ${weakness}` };
    if (tokens.some((t) => t.name === token.name))
      return { ok: false, error: `two tokens are named ${token.name}: give each its own name (name=secret)` };
    if (tokens.some((t) => t.secret === token.secret))
      return {
        ok: false,
        error: `tokens ${token.name} and ${tokens.find((t) => t.secret === token.secret)?.name} are the same secret`,
      };
    tokens.push(token);
  }
  return source ? { ok: true, tokens, source } : { ok: true, tokens };
}
