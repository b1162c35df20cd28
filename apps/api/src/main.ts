// The Rollscope API process: parse flags, connect clusters, serve tRPC on loopback.

import type { ClusterSource } from "@rollscope/shared/cluster/cluster-source";
import { boundAddresses } from "@rollscope/shared/http/bound-addresses";
import type { OidcSignIn } from "./auth/oidc/oidc-sign-in";
import { parseConfig } from "./config/config";
import { exposureWarnings, startupWarnings } from "./config/exposure";
import type { GateStore } from "./gates/gate-store";
import { KubeClusterSource } from "./kube/kube-cluster-source";
import { createLogger } from "./observability/logger";
import { collectGarbageOnceSynced } from "./runtime/collect-listing-garbage";
import { createServices, type RunningServices } from "./runtime/create-services";
import { createSources } from "./runtime/create-sources";
import { createApiServer, listen } from "./server/http-server";
import { SessionStore } from "./server/session-store";
import { loadStaticPages, type StaticPages } from "./server/static-pages";
import { KubernetesWriterLease, parseLeaseRef } from "./store/kubernetes-writer-lease";
import type { WriterElection } from "./store/writer-lease";

/** The writer election on a Kubernetes Lease, through the first Kubernetes cluster's credentials. */
function kubernetesElection(ref: string, sources: ClusterSource[]): (holder: string) => WriterElection {
  const kube = sources.find((s): s is KubeClusterSource => s instanceof KubeClusterSource);
  const lease = parseLeaseRef(ref);
  if (!kube || !lease)
    throw new Error(
      `--writer-lease ${ref} needs a Kubernetes cluster to hold the Lease (not the demo or a snapshot)`,
    );
  return (holder) => new KubernetesWriterLease({ kubeConfig: kube.kubeConfig, ...lease, holder });
}

async function main(): Promise<void> {
  const parsed = parseConfig(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`rollscope-api: ${parsed.error}`);
    process.exit(2);
  }
  const config = parsed.config;
  const log = createLogger(config.logLevel);
  let gates: GateStore | undefined;
  let sources: Awaited<ReturnType<typeof createSources>>;
  try {
    sources = await createSources(
      config,
      log,
      async (kind, payload) => (await gates?.isOpen(kind, payload)) ?? false,
    );
  } catch (error) {
    console.error(`rollscope-api: ${(error as Error).message}`);
    process.exit(2);
  }
  let running: RunningServices;
  try {
    running = await createServices(sources, {
      dataDir: config.dataDir,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      replicaId: config.replicaId,
      retention: config.retention,
      ...(config.writerLease ? { writerElection: kubernetesElection(config.writerLease, sources) } : {}),
      readOnly: config.readOnly,
      authorizeActions: config.authorizeActions,
      prometheusUrls: config.prometheusUrls,
      log,
    });
  } catch (error) {
    console.error(`rollscope-api: ${(error as Error).message}`);
    process.exit(2);
  }
  gates = running.services.gates;
  log.info(
    {
      store: running.services.store.where,
      dialect: running.services.store.dialect,
      replica: running.services.writer.holder,
    },
    "store open",
  );
  // Sign-ins (token or OpenID provider) share one store of revocable sessions.
  const sessions = new SessionStore(running.services.store);
  let oidc: OidcSignIn | undefined;
  if (config.auth === "oidc" && config.oidc) {
    try {
      // Loaded only for --auth oidc: the OpenID client and its JOSE library stay out of other starts.
      const { createOidcSignIn } = await import("./auth/oidc/oidc-sign-in");
      oidc = await createOidcSignIn({ settings: config.oidc, sessions, webPort: config.webPort, log });
    } catch (error) {
      console.error(`rollscope-api: ${(error as Error).message}`);
      process.exit(2);
    }
  }
  let pages: StaticPages | undefined;
  if (config.webDir) {
    try {
      pages = loadStaticPages(config.webDir);
    } catch (error) {
      console.error(
        `rollscope-api: cannot read the dashboard's pages in --web-dir ${config.webDir} (${(error as Error).message}): build them with npm run build`,
      );
      process.exit(2);
    }
  }
  const exposure = exposureWarnings(config);
  for (const warning of [...exposure, ...startupWarnings(config)]) log.warn(warning);
  const server = createApiServer(running.services, {
    authMode: config.auth,
    tokens: config.authTokens,
    allowedOrigins: config.allowedOrigins,
    allowedHosts: config.allowedHosts,
    webPort: config.webPort,
    boundAddresses: boundAddresses([config.host, config.webHost]),
    metricsPublic: config.metricsPublic,
    exposure,
    sessions,
    ...(oidc ? { oidc } : {}),
    ...(pages ? { pages } : {}),
  });
  try {
    const port = await listen(server, config.host, config.port);
    log.info({ host: config.host, port, clusters: sources.map((s) => s.name) }, "rollscope api listening");
  } catch (error) {
    console.error(`rollscope-api: ${(error as Error).message}`);
    process.exit(1);
  }
  await running.start();
  log.info({ clusters: running.services.clusters.names() }, "clusters started");
  collectGarbageOnceSynced(() => running.services.clusters.ready());
  const shutdown = async () => {
    server.close();
    await running.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

// A promise nobody awaited must not take the API down with it: log it and go on.
process.on("unhandledRejection", (reason) => {
  console.error(
    JSON.stringify({ level: 50, msg: "unhandled rejection", err: String(reason).slice(0, 2000) }),
  );
});

main().catch((error: unknown) => {
  console.error(`rollscope-api: ${(error as Error).message}`);
  process.exit(1);
});
