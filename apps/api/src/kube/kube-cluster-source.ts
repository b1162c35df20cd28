// A real cluster as a ClusterSource: informers fill the ObjectStore (see informer-plan for what is
// watched and why), discovery tells which controllers are installed, and actions go to the API
// server as the exact patches and proxy calls the shared action plans describe — as the person, with
// impersonation, when they signed in with OIDC.
import { ApiException, type KubeConfig } from "@kubernetes/client-node";
import type { ActionRequest, KnownKind } from "@rollscope/shared";
import type {
  AccessCheck,
  AccessCheckAnyVerb,
  ClusterHealth,
  ClusterIdentity,
  ClusterSource,
} from "@rollscope/shared/cluster/cluster-source";
import { ObjectStore } from "@rollscope/shared/cluster/object-store";
import type { Actor } from "@rollscope/shared/identity/actor";
import { AccessReviewer } from "./access-review";
import { Backoff, type BackoffOptions } from "./backoff";
import {
  type Controller,
  type ControllerDiscovery,
  controllerApis,
  discoverControllers,
} from "./crd-discovery";
import { EventRecorder, type RecordedEvent } from "./event-recorder";
import { defaultEventsPerObject, EventRetention } from "./event-retention";
import { HealthTracker } from "./health-tracker";
import { builtinKinds, defaultEventInvolvedKinds, planInformers } from "./informer-plan";
import { describeWatchFailure, errorText, type WatchFailure } from "./kube-errors";
import { KubeHttp } from "./kube-http";
import { type KubeLogger, silentLogger } from "./kube-logger";
import { PatchExecutor } from "./patch-executor";
import { ScopedStoreWriter } from "./scoped-writer";
import { SelfSubjectReviewer } from "./self-subject-review";
import { postThroughServiceProxy } from "./service-proxy";
import { SubjectAccessReviewer } from "./subject-access-review";
import { SupervisedInformer } from "./supervised-informer";

export interface KubeClusterSourceOptions {
  /** Config whose current context is the cluster to watch (see loadKubeConfigs). */
  kubeConfig: KubeConfig;
  /** Watch only these namespaces (one informer per kind and namespace). Default: all namespaces. */
  namespaces?: string[];
  store?: ObjectStore;
  logger?: KubeLogger;
  prometheusUrl?: string;
  /** Events kept per involved object (default 100). */
  eventsPerObject?: number;
  /** Kinds whose Events are watched (default Rollout, AnalysisRun, Experiment, Canary). */
  eventInvolvedKinds?: readonly string[];
  /** Informer and discovery restart backoff (default 1 s doubling to 30 s, with jitter). */
  backoff?: BackoffOptions;
  /**
   * While the API server cannot be reached, how often it is asked for /version (default 2 s): the
   * first answer restarts every informer at once instead of after the rest of its backoff.
   */
  reachabilityProbeMs?: number;
  /** How often discovery looks for newly installed CRDs (default 60 s). */
  discoveryIntervalMs?: number;
  /** Timeout of every non-watch request (default 30 s). */
  requestTimeoutMs?: number;
  /** Server-side watch timeout, randomised up to twice this (default 300 s). */
  watchTimeoutSeconds?: number;
  /** How long SelfSubjectAccessReview and SubjectAccessReview answers are reused (default 30 s). */
  accessReviewTtlMs?: number;
  /** Retries of a patch after 409 Conflict (default 5) and their base delay (default 100 ms). */
  conflictRetries?: number;
  conflictDelayMs?: number;
}

const discoveryPart = "discovery";

export class KubeClusterSource implements ClusterSource {
  readonly kind = "kube" as const;
  readonly name: string;
  readonly label: string;
  readonly store: ObjectStore;
  readonly prometheusUrl?: string;

  readonly kubeConfig: KubeConfig;
  private readonly logger: KubeLogger;
  private readonly http: KubeHttp;
  private readonly patches: PatchExecutor;
  private readonly reviewer: AccessReviewer;
  private readonly subjectReviewer: SubjectAccessReviewer;
  private readonly selfReviewer: SelfSubjectReviewer;
  private readonly recorder: EventRecorder;
  private readonly healthTracker = new HealthTracker();
  private readonly informers = new Map<string, SupervisedInformer>();
  /** Outlive stop()/start(), so a restarted source still knows which objects each informer owns. */
  private readonly writers = new Map<string, ScopedStoreWriter>();
  private readonly controllers = new Map<Controller, ControllerDiscovery>();
  private readonly discoveryBackoff: Backoff;
  private kinds = new Set<KnownKind>(builtinKinds);
  private started = false;
  private discoveryTimer: NodeJS.Timeout | undefined;
  private reachabilityTimer: NodeJS.Timeout | undefined;
  private discoveryFailing = false;
  private discovering: Promise<void> | undefined;

  constructor(private readonly options: KubeClusterSourceOptions) {
    const kc = options.kubeConfig;
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`kubeconfig context "${kc.getCurrentContext()}" has no cluster`);
    this.kubeConfig = kc;
    this.name = kc.getCurrentContext();
    this.label = `${this.name} (${cluster.server})`;
    this.store = options.store ?? new ObjectStore();
    if (options.prometheusUrl) this.prometheusUrl = options.prometheusUrl;
    this.logger = options.logger ?? silentLogger;
    const timeoutMs = this.timeoutMs;
    this.http = new KubeHttp(kc, timeoutMs);
    this.patches = new PatchExecutor(this.http, this.logger, {
      conflictRetries: options.conflictRetries ?? 5,
      conflictDelayMs: options.conflictDelayMs ?? 100,
      fieldManager: "rollscope",
    });
    const reviewTtlMs = options.accessReviewTtlMs ?? 30_000;
    this.reviewer = new AccessReviewer(this.http, reviewTtlMs);
    this.subjectReviewer = new SubjectAccessReviewer(this.http, reviewTtlMs);
    this.selfReviewer = new SelfSubjectReviewer(this.http, kc, this.logger);
    this.recorder = new EventRecorder(this.http, this.logger);
    this.discoveryBackoff = new Backoff(options.backoff);
  }

  private get timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 30_000;
  }

  /** Starts the built-in informers, runs a first discovery, and returns; syncing continues. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.logger.info(
      { cluster: this.name, namespaces: this.options.namespaces ?? "all" },
      "connecting to cluster",
    );
    this.healthTracker.add(discoveryPart);
    this.reconcile();
    await this.discover();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.discoveryTimer);
    clearTimeout(this.reachabilityTimer);
    this.reachabilityTimer = undefined;
    for (const informer of this.informers.values()) informer.stop();
    this.informers.clear();
    this.reviewer.clear();
    this.subjectReviewer.clear();
    // An in-flight discovery is not awaited (it may take a request timeout); it ends as a no-op.
  }

  health(): ClusterHealth {
    return this.healthTracker.snapshot();
  }

  /** Called on every change of state, lastError, synced or absent controllers. */
  onHealthChange(listener: (health: ClusterHealth) => void): () => void {
    return this.healthTracker.subscribe(listener);
  }

  execute(request: Exclude<ActionRequest, { type: "rollscopeGate" }>, actor?: Actor): Promise<void> {
    if (request.type === "patch") return this.patches.execute(request, actor);
    return postThroughServiceProxy(this.http, request, actor);
  }

  canI(check: AccessCheck, actor?: Actor): Promise<boolean> {
    return this.reviewer.canI(check, actor);
  }

  whoAmI(): Promise<ClusterIdentity> {
    return this.selfReviewer.whoAmI();
  }

  reviewAccess(actor: Actor, check: AccessCheckAnyVerb): Promise<boolean> {
    return this.subjectReviewer.reviewAccess(actor, check);
  }

  recordEvent(event: RecordedEvent): Promise<void> {
    return this.recorder.record(event);
  }

  private discover(): Promise<void> {
    this.discovering ??= this.runDiscovery()
      .catch((err: unknown) => {
        // Never let one bad round end the periodic discovery.
        this.logger.error({ cluster: this.name, error: errorText(err) }, "discovery failed unexpectedly");
        if (this.started) this.scheduleDiscovery(this.discoveryBackoff.next());
      })
      .finally(() => {
        this.discovering = undefined;
      });
    return this.discovering;
  }

  private scheduleDiscovery(delayMs: number): void {
    clearTimeout(this.discoveryTimer);
    this.discoveryTimer = setTimeout(() => void this.discover(), delayMs);
    this.discoveryTimer.unref();
  }

  private async runDiscovery(): Promise<void> {
    clearTimeout(this.discoveryTimer);
    const results = await discoverControllers(this.http);
    if (!this.started) return;
    let failure: unknown;
    for (const result of results) {
      if (result.state === "unknown") {
        failure ??= result.error;
        continue;
      }
      const before = this.controllers.get(result.controller)?.state;
      if (before !== result.state) {
        this.logger.info(
          { cluster: this.name, controller: result.controller, state: result.state },
          "controller discovery",
        );
      }
      this.controllers.set(result.controller, result);
    }
    const kinds = new Set<KnownKind>(builtinKinds);
    for (const c of this.controllers.values())
      if (c.state === "present") for (const k of c.kinds) kinds.add(k);
    this.kinds = kinds;
    this.reconcile();
    this.healthTracker.setAbsent(
      controllerApis.flatMap(({ controller }) => {
        const c = this.controllers.get(controller);
        return c?.state === "absent" ? [{ controller, hint: c.hint }] : [];
      }),
    );
    this.discoveryFailing = failure !== undefined;
    if (failure === undefined) {
      this.discoveryBackoff.reset();
      this.healthTracker.ok(discoveryPart);
    } else {
      this.healthTracker.failed(
        discoveryPart,
        describeWatchFailure(failure, { verb: "get", resource: "apis" }),
      );
    }
    this.scheduleDiscovery(
      failure === undefined ? (this.options.discoveryIntervalMs ?? 60_000) : this.discoveryBackoff.next(),
    );
  }

  /** Starts the informers the plan wants and stops (and empties) the ones it no longer does. */
  private reconcile(): void {
    const specs = planInformers({
      kinds: this.kinds,
      ...(this.options.namespaces ? { namespaces: this.options.namespaces } : {}),
      eventInvolvedKinds: this.options.eventInvolvedKinds ?? defaultEventInvolvedKinds,
    });
    const wanted = new Set(specs.map((s) => s.id));
    for (const [id, writer] of this.writers) {
      if (wanted.has(id)) continue;
      this.informers.get(id)?.stop();
      writer.clear();
      this.informers.delete(id);
      this.writers.delete(id);
      this.healthTracker.remove(id);
    }
    for (const spec of specs) {
      if (this.informers.has(spec.id)) continue;
      const writer = this.writers.get(spec.id) ?? this.newWriter(spec.kind);
      this.writers.set(spec.id, writer);
      const informer = new SupervisedInformer(spec, {
        kubeConfig: this.kubeConfig,
        http: this.http,
        writer,
        logger: this.logger,
        backoff: this.options.backoff ?? {},
        watchTimeoutSeconds: this.options.watchTimeoutSeconds ?? 300,
        onListed: (id) => this.healthTracker.ok(id),
        onFailed: (id, failure) => this.informerFailed(id, failure),
      });
      this.informers.set(spec.id, informer);
      this.healthTracker.add(spec.id);
      informer.start();
    }
  }

  private newWriter(kind: KnownKind): ScopedStoreWriter {
    const retention =
      kind === "Event"
        ? new EventRetention(this.options.eventsPerObject ?? defaultEventsPerObject)
        : undefined;
    return new ScopedStoreWriter(this.store, kind, this.logger, retention);
  }

  private informerFailed(id: string, failure: WatchFailure): void {
    this.healthTracker.failed(id, failure);
    // A CRD removed under a running informer: rediscover so the informer is retired, not retried.
    if (failure.status === 404 && this.started) void this.discover();
    // No HTTP answer at all: the API server is away. Watch for its return.
    if (failure.status === undefined && !failure.fatal) this.probeReachability();
  }

  /** Polls /version until the API server answers, then restarts the informers still backing off. */
  private probeReachability(): void {
    if (this.reachabilityTimer || !this.started) return;
    const everyMs = this.options.reachabilityProbeMs ?? 2_000;
    const probe = async () => {
      let answered = false;
      try {
        await this.http.getJson("/version", {});
        answered = true;
      } catch (err) {
        // An HTTP error still means the server is back (e.g. 403 on /version is a setup matter).
        answered = err instanceof ApiException;
      }
      if (!this.started) return;
      const waiting = [...this.informers.values()].filter((i) => i.waiting);
      if (!answered && (waiting.length > 0 || this.discoveryFailing)) {
        this.reachabilityTimer = setTimeout(probe, everyMs);
        this.reachabilityTimer.unref();
        return;
      }
      this.reachabilityTimer = undefined;
      if (!answered) return;
      if (waiting.length > 0) {
        this.logger.info({ cluster: this.name, informers: waiting.length }, "API server answers again");
        for (const informer of waiting) informer.retryNow();
      }
      if (this.discoveryFailing) {
        this.discoveryBackoff.reset();
        this.scheduleDiscovery(0);
      }
    };
    this.reachabilityTimer = setTimeout(probe, everyMs);
    this.reachabilityTimer.unref();
  }
}
