#!/usr/bin/env node
// `npm run dev`: the dashboard with reload at http://localhost:3100 — `next dev` for the pages,
// forwarding /api to the API on 127.0.0.1:3101, which `tsx watch` restarts when its sources change.
//   npm run dev -- [API flags: --demo, --context NAME, …]
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const webPort = process.env.PORT ?? "3100";
const apiPort = process.env.API_PORT ?? "3101";

const children = [
  spawn("npx", ["tsx", "watch", "src/main.ts", "--port", apiPort, ...process.argv.slice(2)], {
    cwd: join(root, "apps/api"),
    // The API accepts the dev server's origin and Host (its port) for the requests it forwards.
    env: { ...process.env, PORT: webPort },
    stdio: "inherit",
  }),
  spawn("npx", ["next", "dev", "--port", webPort, "--hostname", "127.0.0.1"], {
    cwd: join(root, "apps/web"),
    env: { ...process.env, ROLLSCOPE_API_URL: `http://127.0.0.1:${apiPort}` },
    stdio: "inherit",
  }),
];
const stop = (code) => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
};
for (const child of children) child.on("exit", (code) => stop(code ?? 1));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
