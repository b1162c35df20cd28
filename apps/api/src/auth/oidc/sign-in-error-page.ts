// The page a person sees when a sign-in fails: what happened, in a sentence they can act on, and a link
// to start again. Plain HTML without styles or scripts (the API's Content-Security-Policy allows none);
// every piece of text is escaped, since parts of it (the provider's error description) come from a URL
// anybody can craft.

const htmlEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

export function signInErrorPage(message: string, tryAgainHref: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in failed · Rollscope</title></head>
<body>
<h1>Sign-in failed</h1>
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(tryAgainHref)}">Sign in again</a></p>
</body>
</html>
`;
}
