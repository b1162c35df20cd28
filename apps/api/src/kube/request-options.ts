// Per-call options for the generated client-node APIs (1.x takes them as ConfigurationOptions with
// middleware): a timeout on every call, so a hung API server cannot hang an action forever.
import {
  type ConfigurationOptions,
  Observable,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
  setHeaderOptions,
} from "@kubernetes/client-node";

function middleware(
  pre: (ctx: RequestContext) => void,
  post: (rsp: ResponseContext) => void = () => {},
): ObservableMiddleware {
  return {
    pre: (ctx) => {
      pre(ctx);
      return new Observable(Promise.resolve(ctx));
    },
    post: (rsp) => {
      post(rsp);
      return new Observable(Promise.resolve(rsp));
    },
  };
}

function withMiddleware(
  base: ConfigurationOptions<ObservableMiddleware> | undefined,
  extra: ObservableMiddleware,
): ConfigurationOptions<ObservableMiddleware> {
  return { ...base, middleware: [...(base?.middleware ?? []), extra], middlewareMergeStrategy: "append" };
}

export function timeoutOptions(timeoutMs: number): ConfigurationOptions<ObservableMiddleware> {
  return withMiddleware(
    undefined,
    middleware((ctx) => ctx.setSignal(AbortSignal.timeout(timeoutMs))),
  );
}

/** A PATCH with the given patch content type (the generated default is JSON patch for every call). */
export function patchOptions(
  contentType: string,
  timeoutMs: number,
): ConfigurationOptions<ObservableMiddleware> {
  return setHeaderOptions("Content-Type", contentType, timeoutOptions(timeoutMs));
}

/**
 * A service-proxy POST with a JSON body. The generated `connectPost…ProxyWithPath` has no body
 * parameter and percent-encodes the slashes of `path`; the API server decodes them, but proxies in
 * front of it may not, so the path goes out with plain slashes, as kubectl sends it. Backends such
 * as the flagger-loadtester answer `202` with no body and no Content-Type, which the generated
 * response parser would reject, so a missing Content-Type is read as text.
 */
export function serviceProxyPostOptions(
  body: unknown,
  timeoutMs: number,
): ConfigurationOptions<ObservableMiddleware> {
  return withMiddleware(
    timeoutOptions(timeoutMs),
    middleware(
      (ctx) => {
        ctx.setHeaderParam("Content-Type", "application/json");
        ctx.setBody(JSON.stringify(body));
        const url = new URL(ctx.getUrl());
        url.pathname = url.pathname.replace(
          /\/proxy\/(.*)$/,
          (_, rest: string) => `/proxy/${rest.replaceAll("%2F", "/")}`,
        );
        ctx.setUrl(url.toString());
      },
      (rsp) => {
        if (!rsp.headers["content-type"]) rsp.headers["content-type"] = "text/plain";
      },
    ),
  );
}
