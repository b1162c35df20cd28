// The demo's flagger-loadtester (cmd/loadtester, pkg/loadtester/server.go): in-memory gates keyed
// "<name>.<namespace>" / "rollback.<name>.<namespace>" that stay open until closed, and `/` tasks
// that "run" without a shell. Load-test commands (hey, wrk…) are remembered for a while so the
// simulated mesh can send their traffic, as the real load tester would.

export interface LoadtesterResponse {
  status: number;
  body: string;
}

export interface LoadTest {
  /** "<name>.<namespace>" of the canary that asked for it. */
  canary: string;
  cmd: string;
  /** First http(s) URL in the command, e.g. http://podinfo-canary.test:9898/ */
  url: string;
  /** Header the command sends (`-H 'Cookie: type=insider'`), lower-cased name. */
  headers: Record<string, string>;
  rps: number;
  untilMs: number;
}

type Payload = { name: string; namespace: string; metadata?: Record<string, string> };

// Blocking task types answer 200 when done; the others are queued and answered 202 (server.go).
const BLOCKING_TASKS = new Set(["bash", "helm", "helmv3", "concord"]);
const QUEUED_TASKS = new Set(["cmd", "ngrinder"]);

const ok = (status: number, body = ""): LoadtesterResponse => ({ status, body });

function decode(body: unknown): Payload | undefined {
  let value = body;
  if (typeof body === "string" || body instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
    } catch {
      return undefined;
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  // encoding/json rejects a wrong type for a typed field, and leaves absent ones empty.
  for (const field of ["name", "namespace"] as const) {
    if (v[field] !== undefined && v[field] !== null && typeof v[field] !== "string") return undefined;
  }
  const metadata = v.metadata;
  if (metadata !== undefined && metadata !== null) {
    if (typeof metadata !== "object" || Array.isArray(metadata)) return undefined;
    if (Object.values(metadata).some((x) => typeof x !== "string")) return undefined;
  }
  return {
    name: (v.name as string | undefined) ?? "",
    namespace: (v.namespace as string | undefined) ?? "",
    ...(metadata ? { metadata: metadata as Record<string, string> } : {}),
  };
}

/** hey's -z (duration), -q (rate per worker) and -c (workers); anything else gets 10 rps for 1m. */
function parseLoadTest(cmd: string, canary: string, nowMs: number): LoadTest | undefined {
  const url = /https?:\/\/[^\s'"]+/.exec(cmd)?.[0];
  if (!url) return undefined;
  const flag = (name: string) => new RegExp(`(?:^|\\s)-${name}\\s+([^\\s]+)`).exec(cmd)?.[1];
  const seconds = (() => {
    const z = flag("z") ?? flag("d");
    const m = z ? /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(z) : null;
    if (!m) return 60;
    const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as "ms" | "s" | "m" | "h"];
    return Number(m[1]) * unit;
  })();
  const q = Number(flag("q") ?? "");
  const c = Number(flag("c") ?? "");
  const rps = q > 0 ? q * (c > 0 ? c : 50) : 10;
  const headers: Record<string, string> = {};
  for (const m of cmd.matchAll(/-H\s+(?:'([^']*)'|"([^"]*)")/g)) {
    const header = m[1] ?? m[2] ?? "";
    const colon = header.indexOf(":");
    if (colon > 0) headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }
  return { canary, cmd, url, headers, rps: Math.min(rps, 200), untilMs: nowMs + seconds * 1000 };
}

export class DemoLoadtester {
  private readonly gates = new Map<string, boolean>();
  private readonly loadTests = new Map<string, LoadTest>();
  private readonly namespacePattern: RegExp | undefined;

  constructor(
    private readonly options: {
      /** Demo time, for how long load tests run. */
      now?: () => number;
      /** The loadtester's -namespace-regexp: canaries in other namespaces get 403. */
      namespaceRegexp?: string;
    } = {},
  ) {
    this.namespacePattern = options.namespaceRegexp ? new RegExp(options.namespaceRegexp) : undefined;
  }

  /** One request to the loadtester, as its HTTP mux answers it (any method; Flagger POSTs). */
  handle(path: string, body: unknown): LoadtesterResponse {
    const route = path.split("?")[0] ?? "/";
    if (route === "/healthz") return ok(200, "OK");
    if (route === "/gate/approve") return ok(200, "OK");
    if (route === "/gate/halt") return ok(403, "Forbidden");
    const payload = decode(body);
    if (!payload) return ok(400);
    if (this.namespacePattern && !this.namespacePattern.test(payload.namespace)) return ok(403, "Forbidden");
    const gateKey = `${payload.name}.${payload.namespace}`;
    const rollbackKey = `rollback.${gateKey}`;
    switch (route) {
      case "/gate/check":
        return this.isOpen(gateKey) ? ok(200, "Approved") : ok(403, "Forbidden");
      case "/gate/open":
        this.gates.set(gateKey, true);
        return ok(202);
      case "/gate/close":
        this.gates.set(gateKey, false);
        return ok(202);
      case "/rollback/check":
        return this.isOpen(rollbackKey) ? ok(200, "Approved") : ok(403, "Forbidden");
      case "/rollback/open":
        this.gates.set(rollbackKey, true);
        return ok(202);
      case "/rollback/close":
        this.gates.set(rollbackKey, false);
        return ok(202);
      default:
        // Go's ServeMux sends every unmatched path to the "/" handler.
        return this.runTask(payload, gateKey);
    }
  }

  /** Whether a gate key ("<name>.<namespace>" or "rollback.<name>.<namespace>") is open; closed by default. */
  isOpen(key: string): boolean {
    return this.gates.get(key) ?? false;
  }

  /** Load tests still running at `nowMs`. */
  activeLoadTests(nowMs = this.nowMs()): LoadTest[] {
    for (const [key, test] of this.loadTests) if (test.untilMs <= nowMs) this.loadTests.delete(key);
    return [...this.loadTests.values()];
  }

  private nowMs(): number {
    return this.options.now?.() ?? Date.now();
  }

  private runTask(payload: Payload, canary: string): LoadtesterResponse {
    const metadata = payload.metadata ?? {};
    if (Object.keys(metadata).length === 0) return ok(400, "metadata not found in payload");
    const type = metadata.type ?? "cmd";
    if (BLOCKING_TASKS.has(type)) {
      // The demo has no shell: blocking commands succeed with no output.
      return ok(200, "");
    }
    if (!QUEUED_TASKS.has(type)) return ok(400, `unknown task type ${type}`);
    if (type === "cmd") {
      const cmd = metadata.cmd;
      if (cmd === undefined) return ok(400, "cmd not found in metadata");
      // The task runner deduplicates per canary and command.
      const test = parseLoadTest(cmd, canary, this.nowMs());
      if (test) this.loadTests.set(`${canary}\u0000${cmd}`, test);
    }
    return ok(202);
  }
}

/** Service names the demo's loadtester answers to. */
export const demoLoadtesterServices: ReadonlySet<string> = new Set(["flagger-loadtester", "loadtester"]);

/**
 * Whether a webhook URL points at the demo loadtester: host `flagger-loadtester` or `loadtester`,
 * bare or as `<svc>.<ns>`, `<svc>.<ns>.svc` or `<svc>.<ns>.svc.cluster.local`, any port.
 */
export function isDemoLoadtesterUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  const parts = parsed.hostname.split(".");
  if (!demoLoadtesterServices.has(parts[0] ?? "")) return false;
  const rest = parts.slice(2).join(".");
  return parts.length <= 2 || rest === "svc" || rest === "svc.cluster.local";
}
