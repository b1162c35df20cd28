// The API's configuration: flags and environment, validated once with a clear message per mistake.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { parseHost } from "@rollscope/shared/http/host-policy";
import { z } from "zod";
import { oidcSettingsSchema } from "../auth/oidc/oidc-settings";
import { resolveAuthTokens, type TokenSource } from "./auth-token";
import { loopbackHosts } from "./exposure";

export const retentionSchema = z.object({
  auditDays: z.number().int().positive(),
  historyDays: z.number().int().positive(),
  analysisDays: z.number().int().positive(),
  maxAuditEntries: z.number().int().positive(),
  maxHistoryPoints: z.number().int().positive(),
  maxAnalysisRecords: z.number().int().positive(),
});
export type Retention = z.infer<typeof retentionSchema>;

export const defaultRetention: Retention = {
  auditDays: 400,
  historyDays: 90,
  analysisDays: 400,
  maxAuditEntries: 1_000_000,
  maxHistoryPoints: 5_000_000,
  maxAnalysisRecords: 200_000,
};

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
    /**
     * PostgreSQL for the store (several replicas share it); absent means the embedded file under
     * dataDir, which serves one replica. Never logged as given: it may hold a password.
     */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\/./, "--database-url must be a postgres:// or postgresql:// URL")
      .optional(),
    /**
     * Elect the writer on this Kubernetes Lease (namespace/name) instead of in the store, as
     * controllers do; needs get/create/update on leases in that namespace.
     */
    writerLease: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/,
        "--writer-lease must be NAMESPACE/NAME of a Lease, e.g. rollscope/rollscope-writer",
      )
      .optional(),
    /** This replica's name in the writer election and logs (default: the host name, a pod's name). */
    replicaId: z.string().min(1).max(200),
    /** How long history and records are kept, and the bound on their rows (the newest are kept). */
    retention: retentionSchema,
    readOnly: z.boolean(),
    /**
     * Who may act: `local` — whoever the kubeconfig says (loopback only); `token` — holders of a
     * token; `oidc` — people signed in with the company's OpenID provider, acting as themselves.
     */
    auth: z.enum(["local", "token", "oidc"]),
    /** Checked by resolveAuthTokens; never logged. */
    authTokens: z.array(z.object({ name: z.string(), secret: z.string() })),
    authTokenSource: z.enum(["file", "environment", "command line"]).optional(),
    /** The OpenID provider, for --auth oidc (validated by the sign-in module's own schema). */
    oidc: oidcSettingsSchema.optional(),
    /**
     * How an action is authorised: `rbac` — the cluster decides on the request itself (made as the
     * person in oidc mode); `verbs` — a SubjectAccessReview for the person with the action's own verb
     * (promote, abort, …), then Rollscope's service account acts.
     */
    authorizeActions: z.enum(["rbac", "verbs"]),
    allowAnonymous: z.boolean(),
    /** Origins allowed to call mutations besides the API's own (the web app's). */
    allowedOrigins: z.array(z.string().max(300)),
    /** Extra names the dashboard is served as, e.g. an ingress name (`name` or `name:port`). */
    allowedHosts: z.array(z.string().min(1).max(300)),
    /** The dashboard's port, whose loopback names are accepted too: this port when it serves the pages. */
    webPort: z.number().int().min(0).max(65535),
    /** The exported web app (apps/web/out) to serve on this port beside /api (`npm start` sets it). */
    webDir: z.string().min(1).optional(),
    /** Serve /metrics without the token. */
    metricsPublic: z.boolean(),
    startPrometheus: z.boolean(),
    logLevel: z.enum(["debug", "info", "warn", "error"]),
  })
  .superRefine((c, ctx) => {
    const exposed = c.auth === "local" && !c.readOnly && !c.allowAnonymous;
    if (c.auth === "token" && c.authTokens.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["auth"],
        message: "token mode needs a token: --auth-token-file FILE or ROLLSCOPE_TOKEN",
      });
    if (c.auth === "local" && c.authTokens.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["auth"],
        message: "local mode asks for no token: drop the token or use --auth token",
      });
    if (c.auth === "oidc" && !c.oidc)
      ctx.addIssue({
        code: "custom",
        path: ["auth"],
        message: "oidc mode needs --oidc-issuer URL and --oidc-client-id ID",
      });
    if (c.auth !== "oidc" && c.oidc)
      ctx.addIssue({ code: "custom", path: ["auth"], message: "--oidc-* settings need --auth oidc" });
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
  --web-dir DIR            serve the dashboard's pages (the exported apps/web/out) on this port too
  --demo                   use the embedded demo cluster (default when no kubeconfig is found)
  --demo-speed N           make demo time pass N times faster (default 1)
  --snapshot DIR           load a read-only cluster from YAML/JSON files (repeatable)
  --context NAME           kubeconfig context to watch (repeatable; default: current context)
  --all-contexts           watch every context of the kubeconfig
  --namespace NS           only watch this namespace (repeatable; default: all)
  --prometheus-url URL     Prometheus for every cluster, or CLUSTER=URL for one (repeatable)
  --no-prometheus          do not start a local Prometheus for the demo
  --data-dir DIR           where the embedded store (rollscope.db) lives (default .rollscope)
  --database-url URL       keep state in PostgreSQL instead (postgres://…; env ROLLSCOPE_DATABASE_URL
                           or DATABASE_URL): needed to run several replicas
  --replica-id NAME        this replica's name in the writer election (default: host name)
  --writer-lease NS/NAME   elect the replica that writes history on this Kubernetes Lease
                           (default: a lease row in the store); env ROLLSCOPE_WRITER_LEASE
  --retain-audit-days N    keep audit entries N days (default 400)
  --retain-history-days N  keep weight history N days (default 90)
  --retain-analysis-days N keep the analysis record N days (default 400)
  --read-only              refuse every mutation
  --auth MODE              local (default without a token): whoever the kubeconfig says;
                           token (default with one): holders of a token; oidc: people signed in
                           with an OpenID provider, acting as themselves (impersonation)
  --auth-token-file FILE   tokens, one per line, as "secret" or "name=secret" (the audit shows the
                           name); env ROLLSCOPE_TOKEN_FILE, or one token itself in ROLLSCOPE_TOKEN
  --auth-token TOKEN       the same from the command line, repeatable (visible in ps: prefer the file)
  --oidc-issuer URL        the OpenID provider (with --auth oidc)
  --oidc-client-id ID      Rollscope's client id at the provider
  --oidc-client-secret-file FILE  its client secret (env ROLLSCOPE_OIDC_CLIENT_SECRET); none = PKCE only
  --oidc-scope S           a scope to ask for (repeatable; default openid profile email groups)
  --oidc-username-claim C  the claim naming the person (default email)
  --oidc-groups-claim C    the claim listing their groups (default groups)
  --oidc-redirect-url URL  the callback URL registered at the provider (default: derived per request)
  --oidc-group G           pass only these groups to the cluster (repeatable; default: all)
  --oidc-groups-optional   a person without the groups claim signs in with no groups (default: refused)
  --authorize-actions M    rbac (default): the cluster decides on each request; verbs: a
                           SubjectAccessReview with the action's verb, then Rollscope's account acts
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
        "web-dir": { type: "string" },
        demo: { type: "boolean" },
        "demo-speed": { type: "string" },
        snapshot: { type: "string", multiple: true },
        context: { type: "string", multiple: true },
        "all-contexts": { type: "boolean" },
        namespace: { type: "string", multiple: true },
        "prometheus-url": { type: "string", multiple: true },
        "no-prometheus": { type: "boolean" },
        "data-dir": { type: "string" },
        "database-url": { type: "string" },
        "replica-id": { type: "string" },
        "writer-lease": { type: "string" },
        "retain-audit-days": { type: "string" },
        "retain-history-days": { type: "string" },
        "retain-analysis-days": { type: "string" },
        "read-only": { type: "boolean" },
        auth: { type: "string" },
        "auth-token": { type: "string", multiple: true },
        "oidc-issuer": { type: "string" },
        "oidc-client-id": { type: "string" },
        "oidc-client-secret-file": { type: "string" },
        "oidc-scope": { type: "string", multiple: true },
        "oidc-username-claim": { type: "string" },
        "oidc-groups-claim": { type: "string" },
        "oidc-redirect-url": { type: "string" },
        "oidc-group": { type: "string", multiple: true },
        "oidc-groups-optional": { type: "boolean" },
        "authorize-actions": { type: "string" },
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
  const token = resolveAuthTokens(
    {
      flags: values["auth-token"] as string[] | undefined,
      file: (values["auth-token-file"] as string | undefined) ?? (env.ROLLSCOPE_TOKEN_FILE || undefined),
      env: env.ROLLSCOPE_TOKEN || undefined,
    },
    readFile,
  );
  if (!token.ok) return { ok: false, error: `--auth-token: ${token.error}` };
  const tokenSource: TokenSource | undefined = token.source;
  const oidc = oidcSettings(values, env, readFile);
  if (!oidc.ok) return { ok: false, error: oidc.error };
  const databaseUrl =
    (values["database-url"] as string | undefined) ??
    (env.ROLLSCOPE_DATABASE_URL || env.DATABASE_URL || undefined);
  const writerLease =
    (values["writer-lease"] as string | undefined) ?? (env.ROLLSCOPE_WRITER_LEASE || undefined);
  const port = number(values.port ?? env.API_PORT, 3101);
  const webDir = values["web-dir"] as string | undefined;
  const raw = {
    host: (values.host as string | undefined) ?? "127.0.0.1",
    ...(env.ROLLSCOPE_WEB_HOST ? { webHost: env.ROLLSCOPE_WEB_HOST } : {}),
    port,
    ...(webDir ? { webDir } : {}),
    demo: Boolean(values.demo),
    demoSpeed: number(values["demo-speed"], 1),
    snapshots: (values.snapshot as string[] | undefined) ?? [],
    contexts: (values.context as string[] | undefined) ?? [],
    allContexts: Boolean(values["all-contexts"]),
    namespaces: (values.namespace as string[] | undefined) ?? [],
    prometheusUrls,
    dataDir: (values["data-dir"] as string | undefined) ?? env.ROLLSCOPE_DATA_DIR ?? ".rollscope",
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(writerLease ? { writerLease } : {}),
    replicaId: (values["replica-id"] as string | undefined) ?? env.ROLLSCOPE_REPLICA_ID ?? hostname(),
    retention: {
      ...defaultRetention,
      auditDays: number(
        values["retain-audit-days"] ?? env.ROLLSCOPE_RETAIN_AUDIT_DAYS,
        defaultRetention.auditDays,
      ),
      historyDays: number(
        values["retain-history-days"] ?? env.ROLLSCOPE_RETAIN_HISTORY_DAYS,
        defaultRetention.historyDays,
      ),
      analysisDays: number(
        values["retain-analysis-days"] ?? env.ROLLSCOPE_RETAIN_ANALYSIS_DAYS,
        defaultRetention.analysisDays,
      ),
    },
    readOnly: Boolean(values["read-only"]) || env.ROLLSCOPE_READ_ONLY === "true",
    auth:
      (values.auth as string | undefined) ??
      (oidc.settings ? "oidc" : token.tokens.length > 0 ? "token" : "local"),
    authTokens: token.tokens,
    ...(tokenSource ? { authTokenSource: tokenSource } : {}),
    ...(oidc.settings ? { oidc: oidc.settings } : {}),
    authorizeActions: (values["authorize-actions"] as string | undefined) ?? "rbac",
    allowAnonymous: Boolean(values["allow-anonymous"]),
    allowedOrigins: (values["allowed-origin"] as string[] | undefined) ?? [],
    allowedHosts: [
      ...((values["allowed-host"] as string[] | undefined) ?? []),
      ...(env.ROLLSCOPE_ALLOWED_HOSTS ?? "")
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    ],
    webPort: webDir ? port : number(env.PORT, 3100),
    metricsPublic: Boolean(values["metrics-public"]),
    startPrometheus: !values["no-prometheus"],
    logLevel: (values["log-level"] as string | undefined) ?? env.LOG_LEVEL ?? "info",
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const kebab = (key: unknown) => String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const flag =
      issue?.path[0] === "retention"
        ? `--retain-${kebab(issue.path[1]).replace(/-days$/, "")}-days`
        : issue?.path[0]
          ? `--${kebab(issue.path[0])}`
          : "";
    return { ok: false, error: `${flag ? `${flag}: ` : ""}${issue?.message ?? "invalid configuration"}` };
  }
  return { ok: true, config: parsed.data };
}

type Values = Record<string, string | boolean | string[] | undefined>;

/** The OpenID Connect settings, when any --oidc-* flag is given; the client secret from a file or env. */
function oidcSettings(
  values: Values,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): { ok: true; settings?: Record<string, unknown> } | { ok: false; error: string } {
  const issuer = values["oidc-issuer"] as string | undefined;
  const clientId = values["oidc-client-id"] as string | undefined;
  if (issuer === undefined && clientId === undefined) return { ok: true };
  let clientSecret = env.ROLLSCOPE_OIDC_CLIENT_SECRET || undefined;
  const secretFile = values["oidc-client-secret-file"] as string | undefined;
  if (secretFile) {
    try {
      clientSecret = readFile(secretFile).replace(/\r?\n$/, "");
    } catch (error) {
      return {
        ok: false,
        error: `--oidc-client-secret-file: cannot read ${secretFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      };
    }
  }
  return {
    ok: true,
    settings: {
      issuer,
      clientId,
      ...(clientSecret ? { clientSecret } : {}),
      ...(values["oidc-scope"] ? { scopes: values["oidc-scope"] } : {}),
      ...(values["oidc-username-claim"] ? { usernameClaim: values["oidc-username-claim"] } : {}),
      ...(values["oidc-groups-claim"] ? { groupsClaim: values["oidc-groups-claim"] } : {}),
      ...(values["oidc-group"] ? { groupsAllowed: values["oidc-group"] } : {}),
      ...(values["oidc-groups-optional"] ? { missingGroupsClaim: "no-groups" } : {}),
      ...(values["oidc-redirect-url"] ? { redirectUrl: values["oidc-redirect-url"] } : {}),
    },
  };
}
