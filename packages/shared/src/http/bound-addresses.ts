// (Servers only.) The addresses people can reach Rollscope at, for the Host allow-list: a specific bind address as it
// is, a wildcard bind as every interface's address. Addresses (unlike names) cannot be rebound by DNS.
import { networkInterfaces } from "node:os";

const wildcards = new Set(["0.0.0.0", "::", "[::]"]);

export function boundAddresses(binds: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const bind of binds) {
    if (bind === undefined) continue;
    if (!wildcards.has(bind)) {
      out.add(bind);
      continue;
    }
    for (const list of Object.values(networkInterfaces()))
      for (const iface of list ?? []) out.add(iface.address.replace(/%.*$/, ""));
  }
  return [...out];
}
