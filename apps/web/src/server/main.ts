// `node --import tsx apps/web/src/server/main.ts`: the dashboard (Next.js) with Rollscope's own front
// door: Host allow-list, security headers and the /api proxy (see web-server.ts).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { boundAddresses } from "@rollscope/shared/http/bound-addresses";
import { hostPolicy } from "@rollscope/shared/http/host-policy";
import next from "next";
import { webConfigFromEnv } from "./web-config";
import { createWebServer } from "./web-server";

const log = (msg: string, fields: Record<string, unknown> = {}) =>
  console.error(JSON.stringify({ level: 40, time: Date.now(), service: "rollscope-web", msg, ...fields }));

async function main(): Promise<void> {
  const config = webConfigFromEnv(process.env);
  const app = next({ dev: config.dev, dir: join(dirname(fileURLToPath(import.meta.url)), "../..") });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createWebServer({
    hosts: hostPolicy({
      ports: [config.port],
      boundAddresses: boundAddresses([config.hostname]),
      allowedHosts: config.allowedHosts,
    }),
    apiUrl: config.apiUrl,
    pages: (req, res) => handle(req, res),
    dev: config.dev,
    log,
  });
  server.once("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `rollscope-web: port ${config.port} on ${config.hostname} is already in use: start with --port N`
        : `rollscope-web: ${error.message}`,
    );
    process.exit(1);
  });
  server.listen(config.port, config.hostname);
}

process.on("unhandledRejection", (reason) =>
  log("unhandled rejection", { err: String(reason).slice(0, 2000) }),
);
main().catch((error: unknown) => {
  console.error(`rollscope-web: ${(error as Error).message}`);
  process.exit(1);
});
