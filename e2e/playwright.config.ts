// Browser tests against the running dashboard (demo cluster, real Prometheus when installed), with the
// system Chromium. Three servers: the normal one, a read-only one and one that requires a token.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { tokenServer } from "./servers";
import { systemChromium } from "./system-chromium";

const data = (name: string) => mkdtempSync(join(tmpdir(), `rollscope-e2e-${name}-`));

// The token server reads its token from a file, as a real deployment should (never the command line).
const tokenFile = join(data("token-file"), "token");
writeFileSync(tokenFile, `${tokenServer.token}\n`, { mode: 0o600 });

export default defineConfig({
  testDir: "tests",
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON ?? "test-results/results.json" }]],
  use: {
    baseURL: "http://localhost:3100",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: systemChromium,
  },
  webServer: [
    {
      command: `node ../scripts/start.mjs --port 3100 --demo --demo-speed 30 --data-dir ${data("main")}`,
      url: "http://localhost:3100/api/trpc/clusters.list",
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `node ../scripts/start.mjs --port 3110 --demo --demo-speed 30 --read-only --no-prometheus --data-dir ${data("ro")}`,
      url: "http://localhost:3110/api/trpc/clusters.list",
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `node ../scripts/start.mjs --port 3120 --demo --no-prometheus --auth-token-file ${tokenFile} --data-dir ${data("token")}`,
      url: `${tokenServer.baseURL}/api/session`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
