// First-load JavaScript per route, as a browser receives it: starts the dashboard as `npm start` does
// (the web app's static export served by the API), opens each route in Chromium, and sums the gzip size
// of every script it loads. Run `npm run build` first.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { systemChromium } from "@rollscope/e2e/system-chromium";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const routes = [
  { path: "/", label: "overview" },
  { path: "/d/demo/rollout/rollouts-demo/myapp", label: "delivery page" },
];

const port = await new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, "127.0.0.1", () => {
    const { port } = s.address() as AddressInfo;
    s.close(() => resolve(port));
  });
});
// The dashboard as `npm start` serves it (the exported pages from the API's port), with the demo.
const server = spawn(
  process.execPath,
  [
    join(root, "scripts/start.mjs"),
    ...["--port", String(port), "--demo", "--no-prometheus"],
    ...["--data-dir", mkdtempSync(join(tmpdir(), "rollscope-bundle-size-"))],
  ],
  { cwd: root, stdio: "ignore", detached: true },
);
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 300; i++) {
  if (
    await fetch(base).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch(systemChromium);
console.log("First-load JavaScript per route (gzip, as served by `npm start`)");
for (const { path, label } of routes) {
  const page = await browser.newPage();
  const scripts = new Map<string, number>();
  let charts = false;
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    try {
      const body = await response.body();
      scripts.set(response.url(), gzipSync(body).length);
      if (body.includes("recharts")) charts = true;
    } catch {
      // navigation raced the body
    }
  });
  await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  const total = [...scripts.values()].reduce((a, b) => a + b, 0);
  console.log(
    `  ${label.padEnd(14)} ${path.padEnd(40)} ${(total / 1024).toFixed(1).padStart(7)} KB in ${scripts.size} files${charts ? " (includes the chart library)" : ""}`,
  );
  await page.close();
}
await browser.close();
process.kill(-(server.pid as number), "SIGTERM");
