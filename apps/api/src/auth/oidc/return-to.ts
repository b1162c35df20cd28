// Where the browser goes after signing in. Only a path on this site: an absolute URL, a
// protocol-relative `//host` or a backslash trick (`/\host`, which browsers read as `//host`) would
// turn the sign-in into an open redirect that lends Rollscope's name to a phishing page.

const maxLength = 2048;

export function safeReturnTo(value: string | null | undefined): string {
  if (!value || value.length > maxLength) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Control characters (tabs and newlines are dropped by URL parsers, so `/\t/evil` becomes `//evil`).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  // The last word: resolved against a placeholder origin, it must stay on that origin.
  const base = "http://rollscope.invalid";
  const resolved = new URL(value, base);
  if (resolved.origin !== base) return "/";
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
