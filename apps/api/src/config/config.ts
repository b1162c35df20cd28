// The API's configuration: flags and environment, validated once with a clear message per mistake.
import { parseArgs } from "node:util";
import { parseHost } from "@rollscope/shared/http/host-policy";
import { z } from "zod";
import { resolveAuthToken, type TokenSource } from "./auth-token";
import { loopbackHosts } from "./exposure";

export const configSchema = z
  .object({
    host: z.string().min(1),
    /** Where the web app that forwards to this API listens (set by `npm start`): it exposes it too. */
    webHost: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65535),
    demo: z.boolean(),
    demoSpeed: z.number().positive().max(10_000),
    snapshots: z.array(z.string().min(1)),
    contexts: z.array(z.string().min(1)),
    allContexts: z.boolean(),
    namespaces: z.array(z.string().min(1)),
    /** Prometheus per cluster name; "*" applies to every cluster without its own. */
    prometheusUrls: z.record(z.string(), z.url()),
    dataDir: z.string().min(1),
    readOnly: z.boolean(),
    /** Checked by resolveAuthToken; never logged. */
    authToken: z.string().optional(),
    authTokenSource: z.enum(["file", "environment", "command line"]).optional(),
    allowAnonymous: z.boolean(),
    /** Origins allowed to call mutations besides the API's own (the web app's). */
    allowedOrigins: z.array(z.string().max(300)),
    /** Extra names the dashboard is served as, e.g. an ingress name (`name` or `name:port`). */
    allowedHosts: z.array(z.string().min(1).max(300)),
    /** The dashboard's port (set by `npm start`), whose loopback names are accepted too. */
    webPort: z.number().int().min(0).max(65535),
    /** Serve /metrics without the token. */
    metricsPublic: z.boolean(),
    startPrometheus: z.boolean(),
    logLevel: z.enum(["debug", "info", "warn", "error"]),
  })
  .superRefine((c, ctx) => {
    const exposed = !c.authToken && !c.readOnly && !c.allowAnonymous;
    if (exposed && !loopbackHosts.has(c.host)) {
      ctx.addIssue({
        code: "custom",
        path: ["host"],
        message: `refusing to listen on ${c.host} without --auth-token-file or --read-only (add --allow-anonymous if you really mean it)`,
      });
    } else if (exposed && c.webHost && !loopbackHosts.has(c.webHost)) {
      ctx.addIssue({
        code: "custom",
        path: ["webHost"],
        message: `refusing to serve the dashboard on ${c.webHost} without --auth-token-file or --read-only (add --allow-anonymous if you really mean it)`,
      });
    }
    for (const host of c.allowedHosts) {
      if (!parseHost(host))
        ctx.addIssue({
          code: "custom",
          path: ["allowedHost"],
          message: `${host} is not a host name or address (e.g. rollscope.example.com or 10.0.0.5:3100)`,
        });
    }
    if (c.demo && c.snapshots.length > 0) {
      ctx.addIssue({ code: "custom", path: ["demo"], message: "--demo and --snapshot cannot be combined" });
    }
  });
export type Config = z.infer<typeof configSchema>;

export const usage = `Usage: rollscope-api [options]
  --port N                 port to listen on (default 3101; env API_PORT)
  --host ADDR              address to bind (default 127.0.0.1)
  --demo                   use the embedded demo cluster (default when no kubeconfig is found)
  --demo-speed N           make demo time pass N times faster (default 1)
  --snapshot DIR           load a read-only cluster from YAML/JSON files (repeatable)
  --context NAME           kubeconfig context to watch (repeatable; default: current context)
  --all-contexts           watch every context of the kubeconfig
  --namespace NS           only watch this namespace (repeatable; default: all)
  --prometheus-url URL     Prometheus for every cluster, or CLUSTER=URL for one (repeatable)
  --no-prometheus          do not start a local Prometheus for the demo
  --data-dir DIR           where history, audit log and gate decisions live (default .rollscope)
  --read-only              refuse every mutation
  --auth-token-file FILE   require the token in FILE as a bearer token or a browser sign-in
                           (env ROLLSCOPE_TOKEN_FILE, or the token itself in ROLLSCOPE_TOKEN)
  --auth-token TOKEN       the same, from the command line (visible in ps: prefer the file)
  --allowed-host NAME      a further name the dashboard is served as, e.g. an ingress (repeatable)
  --metrics-public         serve /metrics without the token
  --allow-anonymous        allow a non-loopback bind without token or read-only
  --allowed-origin URL     extra origin allowed to send mutations (repeatable)
  --log-level LEVEL        debug | info | warn | error (default info)`;

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

export function parseConfig(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  readFile?: (path: string) => string,
): ConfigResult {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        demo: { type: "boolean" },
        "demo-speed": { type: "string" },
        snapshot: { type: "string", multiple: true },
        context: { type: "string", multiple: true },
        "all-contexts": { type: "boolean" },
        namespace: { type: "string", multiple: true },
        "prometheus-url": { type: "string", multiple: true },
        "no-prometheus": { type: "boolean" },
        "data-dir": { type: "string" },
        "read-only": { type: "boolean" },
        "auth-token": { type: "string" },
        "auth-token-file": { type: "string" },
        "allowed-host": { type: "string", multiple: true },
        "metrics-public": { type: "boolean" },
        "allow-anonymous": { type: "boolean" },
        "allowed-origin": { type: "string", multiple: true },
        "log-level": { type: "string" },
      },
    }));
  } catch (error) {
    return { ok: false, error: `${(error as Error).message}\n\n${usage}` };
  }
  const prometheusUrls: Record<string, string> = {};
  for (const entry of (values["prometheus-url"] as string[] | undefined) ?? []) {
    const eq = entry.indexOf("=");
    const isPerCluster = eq > 0 && !entry.slice(0, eq).includes("://");
    if (isPerCluster) prometheusUrls[entry.slice(0, eq)] = entry.slice(eq + 1);
    else prometheusUrls["*"] = entry;
  }
  const number = (v: unknown, fallback: number) => (v === undefined ? fallback : Number(v));
  const token = resolveAuthToken(
    {
      flag: values["auth-token"] as string | undefined,
      file: (values["auth-token-file"] as string | undefined) ?? (env.ROLLSCOPE_TOKEN_FILE || undefined),
      env: env.ROLLSCOPE_TOKEN || undefined,
    },
    readFile,
  );
  if (!token.ok) return { ok: false, error: `--auth-token: ${token.error}` };
  const tokenSource: TokenSource | undefined = token.source;
  const raw = {
    host: (values.host as string | undefined) ?? "127.0.0.1",
    ...(env.ROLLSCOPE_WEB_HOST ? { webHost: env.ROLLSCOPE_WEB_HOST } : {}),
    port: number(values.port ?? env.API_PORT, 3101),
    demo: Boolean(values.demo),
    demoSpeed: number(values["demo-speed"], 1),
    snapshots: (values.snapshot as string[] | undefined) ?? [],
    contexts: (values.context as string[] | undefined) ?? [],
    allContexts: Boolean(values["all-contexts"]),
    namespaces: (values.namespace as string[] | undefined) ?? [],
    prometheusUrls,
    dataDir: (values["data-dir"] as string | undefined) ?? env.ROLLSCOPE_DATA_DIR ?? ".rollscope",
    readOnly: Boolean(values["read-only"]) || env.ROLLSCOPE_READ_ONLY === "true",
    authToken: token.token,
    ...(tokenSource ? { authTokenSource: tokenSource } : {}),
    allowAnonymous: Boolean(values["allow-anonymous"]),
    allowedOrigins: (values["allowed-origin"] as string[] | undefined) ?? [],
    allowedHosts: [
      ...((values["allowed-host"] as string[] | undefined) ?? []),
      ...(env.ROLLSCOPE_ALLOWED_HOSTS ?? "")
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    ],
    webPort: number(env.PORT, 3100),
    metricsPublic: Boolean(values["metrics-public"]),
    startPrometheus: !values["no-prometheus"],
    logLevel: (values["log-level"] as string | undefined) ?? env.LOG_LEVEL ?? "info",
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue?.path[0]
      ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
      : "";
    return { ok: false, error: `${flag ? `${flag}: ` : ""}${issue?.message ?? "invalid configuration"}` };
  }
  return { ok: true, config: parsed.data };
}
