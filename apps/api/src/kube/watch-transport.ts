// The watch as the informers use it (WatchStream, which reads like client-node's Watch): bookmarks on
// (the resourceVersion stays fresh, so fewer 410 re-lists), a server-side timeout with jitter (watches
// end and resume from the last resourceVersion rather than living forever), a client-side watchdog for
// half-open connections that would otherwise go silent, objects prepared before the cache sees them,
// and a close() that also aborts watches whose connection was still being set up when the informer
// was stopped.
import type { KubeConfig } from "@kubernetes/client-node";
import { type WatchCallback, WatchStream } from "./watch-stream";

export interface WatchTransportOptions {
  /** Server-side watch timeout (s); each watch gets a random value between this and twice it. */
  timeoutSeconds: number;
  /** Applied to every watched object before the informer's cache sees it. */
  prepare: (object: unknown) => unknown;
}

export class WatchTransport extends WatchStream {
  private readonly open = new Set<AbortController>();
  private closed = false;

  constructor(
    kubeConfig: KubeConfig,
    private readonly options: WatchTransportOptions,
  ) {
    super(kubeConfig);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: WatchCallback,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    const timeoutSeconds = Math.round(this.options.timeoutSeconds * (1 + Math.random()));
    let watchdog: NodeJS.Timeout | undefined;
    let controller: AbortController | undefined;
    const finish = (err: unknown) => {
      clearTimeout(watchdog);
      if (controller) this.open.delete(controller);
      done(err);
    };
    controller = await super.watch(
      path,
      { ...queryParams, allowWatchBookmarks: true, timeoutSeconds },
      (phase, object, raw) => callback(phase, phase === "ERROR" ? object : this.options.prepare(object), raw),
      finish,
    );
    if (this.closed) {
      controller.abort();
      return controller;
    }
    if (!controller.signal.aborted) {
      this.open.add(controller);
      const abort = controller.abort.bind(controller);
      // The server ends the watch at timeoutSeconds; still open well after that means the
      // connection is dead without either side having noticed.
      watchdog = setTimeout(() => abort(), (timeoutSeconds + 30) * 1_000);
      watchdog.unref();
    }
    return controller;
  }

  close(): void {
    this.closed = true;
    for (const controller of this.open) controller.abort();
    this.open.clear();
  }
}
