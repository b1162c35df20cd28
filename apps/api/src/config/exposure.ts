// What a started Rollscope exposes that a person should know about: said once in the log at start and
// shown in the dashboard's header for as long as it runs.
import type { Config } from "./config";

export const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1"]);

/** Warnings for the header and the log. */
export function exposureWarnings(config: Config): string[] {
  const exposed = [config.host, config.webHost]
    .filter((h): h is string => h !== undefined && !loopbackHosts.has(h))
    .map((h) => (h === "0.0.0.0" || h === "::" ? "every network interface" : h));
  if (config.auth !== "local" || exposed.length === 0) return [];
  const where = [...new Set(exposed)].join(" and ");
  if (config.readOnly)
    return [`No sign-in: anyone who can reach ${where} can read every delivery (read-only, no token).`];
  return [
    `No sign-in: anyone who can reach ${where} can act on every delivery as Rollscope's own identity (--allow-anonymous).`,
  ];
}

/** Warnings for the log only. */
export function startupWarnings(config: Config): string[] {
  return config.authTokenSource === "command line"
    ? [
        "the auth token was given with --auth-token and is visible in the process list: use --auth-token-file or ROLLSCOPE_TOKEN",
      ]
    : [];
}
