// A browser driven by hand over plain HTTP: it keeps cookies (by name and path, as a browser on one
// host does — cookies ignore ports, so Rollscope's and the provider's share a jar), follows nothing by
// itself, and submits the provider's own login and consent forms the way a person would.
import { parseSetCookie, stringifyCookie } from "cookie";
import { type RawAnswer, rawRequest } from "../../../server/test-http";

/** Values travel as the server wrote them, like a browser's (no percent-decoding or encoding). */
const asWritten = (value: string) => value;

interface StoredCookie {
  value: string;
  path: string;
}

export class HandBrowser {
  readonly cookies = new Map<string, StoredCookie>();
  /** Every Set-Cookie header received, newest last, for checking attributes. */
  readonly setCookies: string[] = [];

  async get(url: string): Promise<RawAnswer> {
    return this.send(url, "GET");
  }

  async post(url: string, form: Record<string, string>): Promise<RawAnswer> {
    return this.send(url, "POST", new URLSearchParams(form).toString());
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  private async send(url: string, method: string, body?: string): Promise<RawAnswer> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const sent = [...this.cookies]
      .filter(
        ([, c]) => target.pathname === c.path || target.pathname.startsWith(c.path.replace(/\/?$/, "/")),
      )
      .map(([name, c]) => [name, c.value]);
    const cookie = stringifyCookie(Object.fromEntries(sent), { encode: asWritten });
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const answer = await rawRequest(target.origin, `${target.pathname}${target.search}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const received = answer.headers["set-cookie"] ?? [];
    for (const header of Array.isArray(received) ? received : [received]) this.store(header);
    return answer;
  }

  private store(header: string): void {
    this.setCookies.push(header);
    const { name, value, maxAge, expires, path } = parseSetCookie(header, { decode: asWritten });
    const gone =
      !value ||
      (maxAge !== undefined && maxAge <= 0) ||
      (expires !== undefined && expires.getTime() <= Date.now());
    if (gone) this.cookies.delete(name);
    else this.cookies.set(name, { value, path: path ?? "/" });
  }
}

/** Where a redirect answer points, resolved against the URL that answered. */
export function locationOf(answer: RawAnswer, from: string): string {
  const location = answer.headers.location;
  if (typeof location !== "string")
    throw new Error(`expected a redirect, got ${answer.status}: ${answer.body.slice(0, 300)}`);
  return new URL(location, from).href;
}

/** The provider's form for a prompt (login or consent): its action URL. */
function formAction(page: string, prompt: string, pageUrl: string): string | undefined {
  if (!page.includes(`name="prompt" value="${prompt}"`)) return undefined;
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
  return action ? new URL(action.replace(/&amp;/g, "&"), pageUrl).href : undefined;
}

/** The provider login page's Cancel link, which ends the sign-in with error=access_denied. */
export function cancelLink(page: string, pageUrl: string): string | undefined {
  const href = /<a href="([^"]+\/abort)">/.exec(page)?.[1];
  return href ? new URL(href, pageUrl).href : undefined;
}

/**
 * From the provider's authorization URL, as a person would: follow redirects, sign in as `login` on the
 * provider's login form, confirm its consent form, until the provider sends the browser back to
 * Rollscope's callback. Returns that callback URL without opening it (so a test can open it, or replay
 * it). `onLoginPage` may return a URL to go to instead of signing in (the Cancel link).
 */
export async function authorizeAtProvider(
  browser: HandBrowser,
  authorizationUrl: string,
  login: string,
  callbackPrefix: string,
  onLoginPage?: (page: string, pageUrl: string) => string | undefined,
): Promise<string> {
  let url = authorizationUrl;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(callbackPrefix)) return url;
    const answer = await browser.get(url);
    if (answer.status >= 300 && answer.status < 400) {
      url = locationOf(answer, url);
      continue;
    }
    if (answer.status !== 200)
      throw new Error(`provider answered ${answer.status}: ${answer.body.slice(0, 500)}`);
    const loginAction = formAction(answer.body, "login", url);
    if (loginAction) {
      const detour = onLoginPage?.(answer.body, url);
      if (detour) {
        url = detour;
        continue;
      }
      const submitted = await browser.post(loginAction, { prompt: "login", login, password: "any" });
      url = locationOf(submitted, loginAction);
      continue;
    }
    const consentAction = formAction(answer.body, "consent", url);
    if (consentAction) {
      const submitted = await browser.post(consentAction, { prompt: "consent" });
      url = locationOf(submitted, consentAction);
      continue;
    }
    throw new Error(`unexpected provider page at ${url}: ${answer.body.slice(0, 500)}`);
  }
  throw new Error("the provider never sent the browser back to Rollscope");
}
