// Plain JSON requests to the API server with the kubeconfig's credentials and TLS settings: lists,
// discovery, patches, access reviews, Events, the service proxy and the writer Lease. client-node's
// generated typed clients are not used: they turn built-in objects into model classes (timestamps
// become Date objects, unknown fields are dropped), while the informer cache needs the objects as the
// API server sent them, the same shape the watch stream delivers; and their classes, about 1.4 MB of
// JavaScript for the eight calls Rollscope makes, were compiled and kept in memory at every start.
import {
  ApiException,
  type Configuration,
  createConfiguration,
  type HttpLibrary,
  HttpMethod,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  ServerConfiguration,
} from "@kubernetes/client-node";

export interface KubeRequest {
  query?: Record<string, string | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Of the body; default application/json (a patch names its kind of patch). */
  contentType?: string;
  /** How the request is sent, when not as Rollscope itself (impersonation.ts). */
  via?: HttpLibrary;
  signal?: AbortSignal;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

type RawList = {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubernetesObject[] | null;
};

export class KubeHttp {
  private readonly configuration: Configuration;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly timeoutMs: number,
  ) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error(`context "${kubeConfig.getCurrentContext()}" has no cluster`);
    this.configuration = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: kubeConfig },
    });
  }

  /** GET `path` and parse the JSON answer; non-2xx throws ApiException like the generated APIs do. */
  async getJson<T>(
    path: string,
    query: Record<string, string | undefined>,
    signal?: AbortSignal,
  ): Promise<T> {
    const answer = await this.request<T | string>(HttpMethod.GET, path, { query, signal });
    return (typeof answer === "string" ? JSON.parse(answer) : answer) as T;
  }

  /**
   * Sends a request and answers its JSON (an empty or non-JSON answer as its text, such as a service
   * proxy's 202). A non-2xx answer throws ApiException with the response text, like the generated APIs.
   */
  async request<T>(method: HttpMethod, path: string, options: KubeRequest = {}): Promise<T> {
    const ctx = this.configuration.baseServer.makeRequestContext(path, method);
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) ctx.setQueryParam(key, value);
    ctx.setHeaderParam("Accept", "application/json");
    if (options.body !== undefined) {
      ctx.setHeaderParam("Content-Type", options.contentType ?? "application/json");
      ctx.setBody(JSON.stringify(options.body));
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    ctx.setSignal(options.signal ? AbortSignal.any([options.signal, timeout]) : timeout);
    await this.kubeConfig.applySecurityAuthentication(ctx);
    const response = await (options.via ?? this.configuration.httpApi).send(ctx).toPromise();
    const text = await response.body.text();
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw new ApiException(response.httpStatusCode, `${method} ${path}`, text, response.headers);
    }
    const json = /\bjson\b/.test(response.headers["content-type"] ?? "") && text !== "";
    return (json ? JSON.parse(text) : text) as T;
  }

  /** A complete list, fetched in pages so one huge answer never has to be built by the server. */
  async listAll(
    path: string,
    query: ListQuery,
    signal?: AbortSignal,
    pageSize = 500,
  ): Promise<KubernetesListObject<KubernetesObject>> {
    const items: KubernetesObject[] = [];
    let resourceVersion = "";
    let token: string | undefined;
    do {
      const page = await this.getJson<RawList>(
        path,
        { ...query, limit: String(pageSize), continue: token },
        signal,
      );
      items.push(...(page.items ?? []));
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      token = page.metadata?.continue || undefined;
    } while (token);
    return { metadata: { resourceVersion }, items };
  }
}
