// One informer kept alive. A ListThenWatch lists, watches from the list's resourceVersion, resumes by
// itself when the server ends a watch cleanly (timeoutSeconds), and re-lists by itself on 410 Gone,
// but stops for good on any other error. Then this starts a fresh ListThenWatch after an
// exponential backoff with jitter. A fresh one always lists first, and every list replaces this
// informer's objects in the store, so "healthy again" means "freshly listed": objects deleted while
// disconnected are gone by then. (Resuming the old watch instead would save the list, but the
// informer would look healthy on the 200 before the server's 410 for a compacted resourceVersion.)
import type { KubeConfig } from "@kubernetes/client-node";
import { Backoff, type BackoffOptions } from "./backoff";
import type { InformerSpec } from "./informer-plan";
import { describeWatchFailure, errorText, type WatchFailure } from "./kube-errors";
import type { KubeHttp } from "./kube-http";
import type { KubeLogger } from "./kube-logger";
import { ListThenWatch } from "./list-then-watch";
import { objectPreparer } from "./object-prepare";
import { describeResource } from "./resource-paths";
import type { ScopedStoreWriter } from "./scoped-writer";
import { WatchTransport } from "./watch-transport";

export interface SupervisedInformerDeps {
  kubeConfig: KubeConfig;
  http: KubeHttp;
  writer: ScopedStoreWriter;
  logger: KubeLogger;
  backoff: BackoffOptions;
  watchTimeoutSeconds: number;
  /** A list completed: the informer's objects are current. */
  onListed(id: string): void;
  onFailed(id: string, failure: WatchFailure): void;
}

/** Thrown into a ListThenWatch whose run was replaced while its list was in flight. */
class Superseded extends Error {}

interface Run {
  listWatch: ListThenWatch;
  transport: WatchTransport;
  abort: AbortController;
}

export class SupervisedInformer {
  private generation = 0;
  private stopped = true;
  private run: Run | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private readonly prepare: (object: unknown) => unknown;
  private phase: "list" | "watch" = "list";
  private listedAt = 0;

  constructor(
    readonly spec: InformerSpec,
    private readonly deps: SupervisedInformerDeps,
  ) {
    this.backoff = new Backoff(deps.backoff);
    this.prepare = objectPreparer(spec.kind);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.launch();
  }

  /** Whether it is waiting out a backoff before its next list. */
  get waiting(): boolean {
    return this.restartTimer !== undefined;
  }

  /** Skips the rest of a backoff (the API server is known to answer again) and lists now. */
  retryNow(): void {
    if (this.stopped || this.restartTimer === undefined) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.backoff.reset();
    this.launch();
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.teardown();
  }

  private launch(): void {
    const generation = ++this.generation;
    const { spec, deps } = this;
    const transport = new WatchTransport(deps.kubeConfig, {
      timeoutSeconds: deps.watchTimeoutSeconds,
      prepare: this.prepare,
    });
    const abort = new AbortController();
    const live = () => generation === this.generation;
    const listWatch = new ListThenWatch(
      spec.path,
      transport,
      {
        list: () => this.list(generation, abort.signal),
        upsert: (o) => {
          if (live()) deps.writer.upsert(o);
        },
        remove: (o) => {
          if (live()) deps.writer.remove(o);
        },
        error: (err) => this.fail(generation, err),
      },
      {
        ...(spec.labelSelector !== undefined ? { labelSelector: spec.labelSelector } : {}),
        ...(spec.fieldSelector !== undefined ? { fieldSelector: spec.fieldSelector } : {}),
      },
    );
    this.run = { listWatch, transport, abort };
    listWatch.start().catch((err: unknown) => this.fail(generation, err));
  }

  private async list(generation: number, signal: AbortSignal) {
    this.phase = "list";
    const { spec, deps } = this;
    const list = await deps.http.listAll(
      spec.path,
      { labelSelector: spec.labelSelector, fieldSelector: spec.fieldSelector },
      signal,
    );
    if (generation !== this.generation) throw new Superseded();
    for (const item of list.items) this.prepare(item);
    deps.writer.replace(list.items);
    this.phase = "watch";
    this.listedAt = Date.now();
    deps.onListed(spec.id);
    return list;
  }

  private fail(generation: number, err: unknown): void {
    if (generation !== this.generation || this.stopped || err instanceof Superseded) return;
    this.generation += 1; // whatever the failed run still emits is ignored from here on
    this.teardown();
    // A run that stayed healthy for a while starts the backoff over.
    if (this.listedAt > 0 && Date.now() - this.listedAt >= this.backoff.maxMs) this.backoff.reset();
    this.listedAt = 0;
    const { spec } = this;
    const failure = describeWatchFailure(err, {
      verb: this.phase,
      resource: describeResource(spec.kind),
      ...(spec.namespace ? { namespace: spec.namespace } : {}),
    });
    const delay = this.backoff.next();
    this.deps.logger.warn(
      { informer: spec.id, error: errorText(err), status: failure.status, retryInMs: delay },
      `informer stopped; restarting: ${failure.message}`,
    );
    this.deps.onFailed(spec.id, failure);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.launch();
    }, delay);
    this.restartTimer.unref();
  }

  private teardown(): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    run.abort.abort();
    run.transport.close();
    run.listWatch.stop();
  }
}
