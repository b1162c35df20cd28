// Which Host headers Rollscope answers. A DNS-rebinding page reaches a loopback server under the
// attacker's own name, so the Host it sends is that name: answering only the names Rollscope is really
// served as (loopback names and addresses on the right port, plus configured ones such as an ingress
// name) keeps such a page from reading or changing anything.

export interface HostPolicy {
  /** `name:port` pairs accepted as they are (lower case, IPv6 in brackets). */
  readonly exact: ReadonlySet<string>;
  /** Names accepted on any port (configured without one, e.g. an ingress name behind TLS). */
  readonly anyPort: ReadonlySet<string>;
}

const loopbackNames = ["localhost", "127.0.0.1", "[::1]"];

/** A Host header (or `--allowed-host` value) split into a lower-case name and an optional port. */
export function parseHost(value: string): { name: string; port?: string } | undefined {
  const host = value.trim().toLowerCase();
  if (host === "" || host.length > 300) return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match?.[1]) return undefined;
  const name = match[1].replace(/\.$/, ""); // "localhost." is the same name
  return match[2] === undefined ? { name } : { name, port: match[2] };
}

/** Wraps an IPv6 address in brackets, as it appears in a Host header. */
export function hostName(address: string): string {
  return address.includes(":") && !address.startsWith("[") ? `[${address}]` : address.toLowerCase();
}

/**
 * The policy for a server on `ports` (the port the browser uses; the API also its own), its loopback
 * names, the addresses it is bound to (when not a wildcard) and extra names from `--allowed-host`
 * (`name` for any port, `name:port` for one).
 */
export function hostPolicy(options: {
  ports: readonly number[];
  boundAddresses?: readonly string[];
  allowedHosts?: readonly string[];
}): HostPolicy {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  const names = [...loopbackNames, ...(options.boundAddresses ?? []).map(hostName)];
  for (const port of options.ports) for (const name of names) exact.add(`${name}:${port}`);
  for (const entry of options.allowedHosts ?? []) {
    const parsed = parseHost(entry);
    if (!parsed)
      throw new Error(
        `--allowed-host ${entry} is not a host name or address (e.g. rollscope.example.com or 10.0.0.5:3100)`,
      );
    if (parsed.port === undefined) anyPort.add(parsed.name);
    else exact.add(`${parsed.name}:${parsed.port}`);
  }
  return { exact, anyPort };
}

/** Why a request's Host is refused, or undefined when this server is served under that name. */
export function hostRefusal(policy: HostPolicy, host: string | undefined): string | undefined {
  if (!host) return "the request names no Host";
  const parsed = parseHost(host);
  if (!parsed) return `the Host header "${host.slice(0, 100)}" is malformed`;
  // A browser leaves out the default port: http://name/ arrives as "name".
  const withPort = `${parsed.name}:${parsed.port ?? "80"}`;
  if (policy.exact.has(withPort) || policy.anyPort.has(parsed.name)) return undefined;
  if (parsed.port === undefined && policy.exact.has(`${parsed.name}:443`)) return undefined;
  return `Rollscope is not served as ${host.slice(0, 100)}: add --allowed-host ${parsed.name} if that is the name people use to reach it`;
}
