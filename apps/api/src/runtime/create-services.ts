// Wires the services of one API process around a set of cluster sources and the store.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import { FollowUps } from "../actions/follow-ups";
import { runFollowUps } from "../actions/run-follow-ups";
import { AnalysisRecord } from "../analysis-record/analysis-record";
import { AuditLog } from "../audit/audit-log";
import { defaultRetention, type Retention } from "../config/config";
import { GateStore } from "../gates/gate-store";
import { WeightHistory } from "../history/weight-history";
import { ApiMetrics } from "../observability/api-metrics";
import type { Logger } from "../observability/logger";
import { PersonSettings } from "../settings/person-settings";
import { type Database, openDatabase } from "../store/database";
import { importLegacyData } from "../store/legacy-import";
import { ReplicaPresence } from "../store/replica-presence";
import { startRetention } from "../store/retention";
import { type WriterElection, WriterLease } from "../store/writer-lease";
import { ClusterRegistry } from "./cluster-registry";
import type { Services } from "./services";

/** How often the writer looks for actions left `started` by a replica that has stopped. */
const interruptedSweepMs = 30_000;

export interface ServicesOptions {
  dataDir: string;
  /** PostgreSQL shared by several replicas; absent means the embedded file under dataDir. */
  databaseUrl?: string;
  /** This replica's name in the writer election (default: host name and pid). */
  replicaId?: string;
  retention?: Retention;
  readOnly: boolean;
  /** How actions are authorised (default rbac: the cluster decides on the requests themselves). */
  authorizeActions?: "rbac" | "verbs";
  prometheusUrls?: Record<string, string>;
  log: Logger;
  now?: () => Date;
  /** Elects the writer elsewhere than in the store (a Kubernetes Lease); given this process's holder name. */
  writerElection?: (holder: string) => WriterElection;
  /** An already open store (tests that restart around one); closed by stop() all the same. */
  store?: Database;
}

export interface RunningServices {
  services: Services;
  /**
   * Imports a data dir written before the store (once), marks the actions the last stop cut short,
   * joins the writer election, then starts watching.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Rejects with a clear message when the store cannot be opened (or is another process's). */
export async function createServices(
  sources: ClusterSource[],
  options: ServicesOptions,
): Promise<RunningServices> {
  const store =
    options.store ??
    (await openDatabase({
      dataDir: options.dataDir,
      ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    }));
  // Unique per process start: a restarted replica is a new holder, never mistaken for its last life.
  const holder = `${options.replicaId ?? hostname()}/${randomBytes(4).toString("hex")}`;
  const presence = new ReplicaPresence(store.db, holder);
  const writer = options.writerElection?.(holder) ?? new WriterLease(store.db, { holder });
  const history = new WeightHistory(store, writer);
  const analysisRecord = new AnalysisRecord(store, writer, options.log);
  const clusters = new ClusterRegistry(sources, [history, analysisRecord], options.prometheusUrls ?? {});
  const services: Services = {
    config: {
      readOnly: options.readOnly,
      dataDir: options.dataDir,
      authorizeActions: options.authorizeActions ?? "rbac",
    },
    clusters,
    store,
    writer,
    audit: new AuditLog(store, presence),
    history,
    analysisRecord,
    gates: new GateStore(store),
    followUps: new FollowUps(store, options.log),
    settings: new PersonSettings(store),
    metrics: new ApiMetrics(clusters, store),
    log: options.log,
    now: options.now ?? (() => new Date()),
  };
  /** Marks actions left `started` by a stopped replica; logs what it marked, or why it could not. */
  const markInterrupted = (markedMessage: string, failedMessage: string): Promise<void> =>
    services.audit
      .markInterrupted()
      .then((count) => {
        if (count > 0) options.log.warn({ count }, markedMessage);
      })
      .catch((error: unknown) => options.log.error({ err: error }, failedMessage));
  let stopFollowUps: (() => void) | undefined;
  let stopRetention: (() => void) | undefined;
  let stopLeaseLog: (() => void) | undefined;
  let stopSweep: (() => void) | undefined;
  return {
    services,
    async start() {
      if (!options.readOnly) await importLegacyData(store, options.dataDir, options.log);
      await presence.start();
      // Read-only means no writes, so actions cut short by the last stop stay `started` until a run that writes.
      if (!options.readOnly)
        await markInterrupted(
          "marked actions cut short by the last stop as interrupted",
          "could not mark interrupted actions; the next start retries",
        );
      if (!options.readOnly) {
        await writer.start();
        // A replica that becomes the writer records what the last one may not have written yet.
        writer.onChange((held) => {
          if (held)
            for (const entry of clusters.list())
              for (const d of entry.index.list()) analysisRecord.observe(d, entry);
        });
        if (writer.isHeld) options.log.info({ replica: writer.holder }, "this replica writes history");
        // Changes while running; the hand-back at stop is not news (stop() removes this first).
        stopLeaseLog = writer.onChange((held) =>
          options.log.info(
            { replica: writer.holder, writer: held },
            held ? "this replica writes history" : "another replica writes history",
          ),
        );
        stopRetention = startRetention(store, writer, options.retention ?? defaultRetention, options.log);
        // A replica killed mid-action never writes its result: the writer marks such actions once the
        // killed replica's presence has lapsed.
        const sweep = setInterval(() => {
          if (writer.isHeld)
            void markInterrupted(
              "marked actions of a stopped replica as interrupted",
              "could not mark interrupted actions",
            );
        }, interruptedSweepMs);
        sweep.unref();
        stopSweep = () => clearInterval(sweep);
      }
      stopFollowUps = runFollowUps(services);
      await clusters.start();
    },
    async stop() {
      stopFollowUps?.();
      stopRetention?.();
      stopSweep?.();
      await clusters.stop();
      await history.flush();
      await analysisRecord.flush();
      stopLeaseLog?.();
      await writer.stop();
      await presence.stop();
      await store.close();
    },
  };
}
