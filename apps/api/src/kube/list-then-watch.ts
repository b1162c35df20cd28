// List, then watch from the list's resourceVersion, as client-node's ListWatch does (resume after a
// clean end of the watch, re-list on 410 Gone, report any other error), but without ListWatch's own
// cache: the object store is the only copy of each object. The list callback writes its items to the
// store itself, so a re-list replaces them there (dropping what was deleted meanwhile).
import type { Watch } from "@kubernetes/client-node";

export interface ListThenWatchHandlers {
  /** Lists, writes the items to the store and returns the list's metadata. */
  list(): Promise<{ metadata?: { resourceVersion?: string } }>;
  upsert(object: unknown): void;
  remove(object: unknown): void;
  /** The watch or a list failed with anything but 410 Gone: this run is over. */
  error(error: unknown): void;
}

type WatchTransport = Pick<Watch, "watch">;

interface Status {
  code?: number;
  statusCode?: number;
}

const isGone = (error: unknown) => {
  const status = error as Status | undefined;
  return status?.statusCode === 410 || status?.code === 410;
};

export class ListThenWatch {
  private resourceVersion = "";
  private stopped = false;
  private request: AbortController | undefined;

  constructor(
    private readonly path: string,
    private readonly transport: WatchTransport,
    private readonly handlers: ListThenWatchHandlers,
    private readonly selectors: { labelSelector?: string; fieldSelector?: string } = {},
  ) {}

  start(): Promise<void> {
    return this.next(undefined);
  }

  stop(): void {
    this.stopped = true;
    this.request?.abort();
    this.request = undefined;
  }

  /** After a watch ends (or at start): resume from the last resourceVersion, or list first. */
  private async next(ended: unknown): Promise<void> {
    this.request?.abort();
    this.request = undefined;
    if (ended && isGone(ended)) this.resourceVersion = "";
    else if (ended) return this.handlers.error(ended);
    if (this.stopped) return;
    if (!this.resourceVersion) {
      let list: Awaited<ReturnType<ListThenWatchHandlers["list"]>>;
      try {
        list = await this.handlers.list();
      } catch (error) {
        return this.handlers.error(error);
      }
      this.resourceVersion = list.metadata?.resourceVersion ?? "";
    }
    const { labelSelector, fieldSelector } = this.selectors;
    this.request = await this.transport.watch(
      this.path,
      {
        resourceVersion: this.resourceVersion,
        ...(labelSelector !== undefined ? { labelSelector } : {}),
        ...(fieldSelector !== undefined ? { fieldSelector } : {}),
      },
      (phase, object) => this.onEvent(phase, object),
      (error) => {
        this.next(error).catch((failure: unknown) => this.handlers.error(failure));
      },
    );
    if (this.stopped) this.request.abort();
  }

  private onEvent(phase: string, object: unknown): void {
    const o = object as { code?: number; metadata?: { resourceVersion?: string } } | undefined;
    switch (phase) {
      case "ERROR":
        // The watch ends after this; the re-list happens then.
        if (o?.code === 410) this.resourceVersion = "";
        return;
      case "ADDED":
      case "MODIFIED":
        this.handlers.upsert(object);
        break;
      case "DELETED":
        this.handlers.remove(object);
        break;
    }
    this.resourceVersion = o?.metadata?.resourceVersion ?? "";
  }
}
