// Acting as a person: Kubernetes impersonation headers on every request made for them, so the
// cluster's RBAC decides and the API server's audit log names them.
//
// The API server wants one `Impersonate-Group` header per group (it does not split a comma-joined
// value). client-node hands node-fetch `RequestContext.getHeaders()`, a plain record that cannot repeat
// a name; node-fetch itself also accepts a list of [name, value] pairs and sends each pair as its own
// header line. So the HttpLibrary below wraps the library's own one and gives it a request whose
// headers are such a list, the impersonation appended. TLS, auth, signal and response handling stay
// the library's.
import { type HttpLibrary, IsomorphicFetchHttpLibrary, RequestContext } from "@kubernetes/client-node";
import { ClusterRequestError } from "@rollscope/shared/cluster/cluster-source";
import type { Actor } from "@rollscope/shared/identity/actor";

export interface Impersonation {
  user: string;
  groups: readonly string[];
}

/** The person to act as, or undefined when requests go out with Rollscope's own identity. */
export function impersonationOf(actor: Actor | undefined): Impersonation | undefined {
  return actor?.impersonate ? { user: actor.name, groups: actor.groups } : undefined;
}

// Control characters would split or corrupt the header; everything else is sent as UTF-8 bytes.
const hasControlCharacter = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * A header value carrying `text` as UTF-8 bytes: Node writes header strings as latin1, one byte per
 * character, and the API server reads header bytes as UTF-8, so "josé" must go out as its two-byte é.
 */
function headerValue(text: string, what: string): string {
  if (text === "" || hasControlCharacter(text)) {
    throw new ClusterRequestError(
      `cannot act as ${JSON.stringify(text)}: the ${what} is empty or contains control characters`,
      "Invalid",
    );
  }
  return Buffer.from(text, "utf8").toString("latin1");
}

// Kubernetes reserves `system:` for its own components; several hold broad cluster-wide bindings
// (system:kube-controller-manager, system:masters). RBAC cannot exclude them from an `impersonate`
// grant, so Rollscope refuses them itself, whatever an identity provider says.
const reservedPrefix = "system:";
// Added by the API server to every impersonated user anyway; sending it would need its own grant.
const authenticatedGroup = "system:authenticated";

function refuseReserved(name: string, what: string): void {
  if (name.startsWith(reservedPrefix)) {
    throw new ClusterRequestError(
      `cannot act as ${JSON.stringify(name)}: ${what}s beginning with "system:" are reserved for Kubernetes`,
      "Forbidden",
    );
  }
}

/** Impersonate-User, then one Impersonate-Group per group, as the API server expects them. */
export function impersonationHeaders(who: Impersonation): Array<[string, string]> {
  refuseReserved(who.user, "user name");
  const groups = who.groups.filter((group) => group !== authenticatedGroup);
  for (const group of groups) refuseReserved(group, "group name");
  return [
    ["Impersonate-User", headerValue(who.user, "user name")],
    ...groups.map((group): [string, string] => ["Impersonate-Group", headerValue(group, "group name")]),
  ];
}

const isImpersonationHeader = (name: string) => name.toLowerCase().startsWith("impersonate-");

/** A copy of `original` whose getHeaders() is a list of pairs (see the top of the file). */
class RequestWithHeaderList extends RequestContext {
  private readonly headerList: Array<[string, string]>;

  constructor(original: RequestContext, extra: Array<[string, string]>) {
    super(original.getUrl(), original.getHttpMethod());
    this.setBody(original.getBody());
    const signal = original.getSignal();
    if (signal) this.setSignal(signal);
    const agent = original.getAgent();
    if (agent) this.setAgent(agent);
    // A kubeconfig's own `as:` impersonation gives way: the API server allows only one identity.
    const own = Object.entries(original.getHeaders()).filter(([name]) => !isImpersonationHeader(name));
    this.headerList = [...own, ...extra];
  }

  override getHeaders(): Record<string, string> {
    // node-fetch takes the list as it is; the declared type is the generated client's.
    return this.headerList as unknown as Record<string, string>;
  }
}

/** Sends every request through client-node's own HttpLibrary, with the impersonation headers added. */
export class ImpersonatingHttpLibrary implements HttpLibrary {
  private readonly headers: Array<[string, string]>;

  constructor(
    who: Impersonation,
    private readonly inner: HttpLibrary = new IsomorphicFetchHttpLibrary(),
  ) {
    this.headers = impersonationHeaders(who);
  }

  send(request: RequestContext) {
    return this.inner.send(new RequestWithHeaderList(request, this.headers));
  }
}

/**
 * How to send requests made for `actor` (KubeRequest.via): undefined when they go out with Rollscope's
 * own identity, else through an ImpersonatingHttpLibrary. Throws ClusterRequestError right away, before
 * anything is sent, for a name no header can carry ("Invalid") or a reserved one ("Forbidden").
 */
export function sendingAs(actor: Actor | undefined): HttpLibrary | undefined {
  const who = impersonationOf(actor);
  return who ? new ImpersonatingHttpLibrary(who) : undefined;
}
