// Plain JSON GETs against the API server with the kubeconfig's credentials and TLS settings, for
// lists. The generated typed list calls turn built-in objects into model classes (timestamps become
// Date objects, unknown fields are dropped); the informer cache needs the objects as the API server
// sent them, the same shape the watch stream delivers.
import {
  ApiException,
  type Configuration,
  createConfiguration,
  HttpMethod,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  ServerConfiguration,
} from "@kubernetes/client-node";

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
    const ctx = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) ctx.setQueryParam(key, value);
    ctx.setHeaderParam("Accept", "application/json");
    const timeout = AbortSignal.timeout(this.timeoutMs);
    ctx.setSignal(signal ? AbortSignal.any([signal, timeout]) : timeout);
    await this.kubeConfig.applySecurityAuthentication(ctx);
    const response = await this.configuration.httpApi.send(ctx).toPromise();
    const text = await response.body.text();
    if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
      throw new ApiException(response.httpStatusCode, `GET ${path}`, text, response.headers);
    }
    return JSON.parse(text) as T;
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
