// Whether a URL names this machine. http:// is tolerated only there: a provider on loopback (a test,
// a Dex on the laptop) is reached without crossing a network, so nobody can read or alter the tokens.

const loopbackNames = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  // Not "*.localhost": whether those resolve to loopback depends on the machine's resolver.
  return loopbackNames.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}
