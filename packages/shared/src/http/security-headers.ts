// Headers every response of both ports carries: no framing (a framed, invisible dashboard takes two
// clicks to restart a rollout), no MIME sniffing, no referrer leaking object names, and for pages a
// Content-Security-Policy the app satisfies (the exported pages' inline scripts are allowed by hash).

const common: Record<string, string> = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/**
 * For pages: scripts from this origin, and inline only those whose hashes the page's own build
 * produced. `dev` allows what React's development build needs (eval).
 */
export function pageSecurityHeaders(page: { scriptHashes: string[]; dev?: boolean }): Record<string, string> {
  const { scriptHashes, dev = false } = page;
  const csp = [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes, ...(dev ? ["'unsafe-eval'"] : [])].join(" "),
    // Recharts and React set style attributes; no stylesheet comes from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { ...common, "content-security-policy": csp };
}

/** For API answers (JSON, text, event streams): nothing in them may run or be framed. */
export function apiSecurityHeaders(): Record<string, string> {
  return { ...common, "content-security-policy": "default-src 'none'; frame-ancestors 'none'" };
}
