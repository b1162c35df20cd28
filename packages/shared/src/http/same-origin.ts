// The same-origin rule for requests that change something: the page that sends them must come from
// the address the browser really used for Rollscope (the Host it sent, already checked against the
// host policy), not from the loopback address a proxy forwards to.

export interface OriginFacts {
  method: string;
  /** The `Origin` header, absent for non-browser clients (curl, scripts). */
  origin: string | undefined;
  /** The `Sec-Fetch-Site` header, which a browser always sends and a page cannot forge. */
  secFetchSite: string | undefined;
  /** The Host the browser used (the forwarded host behind Rollscope's own web server). */
  host: string;
  /** Further origins allowed by configuration (`--allowed-origin`). */
  allowedOrigins: readonly string[];
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a state-changing request is refused as cross-origin, or undefined when it may proceed. */
export function crossOriginRefusal(facts: OriginFacts): string | undefined {
  if (safeMethods.has(facts.method.toUpperCase())) return undefined;
  const { origin } = facts;
  if (origin && facts.allowedOrigins.includes(origin)) return undefined;
  if (facts.secFetchSite === "cross-site" || facts.secFetchSite === "same-site")
    return `a page on ${origin ?? "another site"} may not change anything here`;
  if (!origin) return undefined; // no browser sent this
  if (origin === "null") return "a sandboxed or file page may not change anything here";
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return `the Origin header "${origin.slice(0, 100)}" is malformed`;
  }
  if (originHost === facts.host.toLowerCase()) return undefined;
  return `a page on ${origin.slice(0, 100)} may not change anything here (add --allowed-origin ${origin.slice(0, 100)} to allow it)`;
}
