// The pods as a person reads them on the delivery page: the whole dashboard (`npm start -- --snapshot`)
// in Debian's Chromium, each pod chip's status, READY count and restarts as drawn.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { freePort } from "@rollscope/shared/http/free-port";
import { systemChromium } from "../../system-chromium";

export interface PagePod {
  replicaSet: string;
  status: string;
  ready: string;
  restarts: number;
}

export interface Dashboard {
  url: string;
  browser: Browser;
  stop(): Promise<void>;
}

/** `npm start -- --snapshot DIR` on free loopback ports, and a headless Chromium to read its pages. */
export async function startDashboard(
  repoRoot: string,
  snapshotDir: string,
  deadlineMs = 240_000,
): Promise<Dashboard> {
  const webPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "rollscope-oracle-page-"));
  const env = { ...process.env };
  for (const name of ["ROLLSCOPE_TOKEN", "ROLLSCOPE_TOKEN_FILE", "KUBECONFIG"]) delete env[name];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, "scripts/start.mjs"),
      ...["--port", String(webPort)],
      ...["--snapshot", snapshotDir, "--data-dir", dataDir],
    ],
    { cwd: repoRoot, detached: true, stdio: "ignore", env },
  );
  const stopServer = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${webPort}`;
  const deadline = Date.now() + deadlineMs;
  while (
    !(await fetch(`${url}/api/trpc/clusters.list`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopServer();
      throw new Error(`the dashboard did not start on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch(systemChromium);
  return {
    url,
    browser,
    stop: async () => {
      await browser.close();
      await stopServer();
    },
  };
}

/** Every pod chip of one Rollout's delivery page, by ReplicaSet, in the order drawn. */
export async function pagePods(
  dashboard: Dashboard,
  cluster: string,
  namespace: string,
  name: string,
): Promise<PagePod[]> {
  const page = await dashboard.browser.newPage();
  try {
    const path = [cluster, "Rollout", namespace, name].map(encodeURIComponent).join("/");
    await page.goto(`${dashboard.url}/d/${path}`);
    await page.getByRole("heading", { name: "Revisions" }).waitFor();
    const lists = page.getByRole("list", { name: /^Pods of / });
    const out: PagePod[] = [];
    for (const list of await lists.all()) {
      const replicaSet = ((await list.getAttribute("aria-label")) ?? "").replace(/^Pods of /, "");
      for (const text of await list.getByRole("listitem").allInnerTexts()) {
        const m = /^[●○]\s+(.+?)\s+(\d+\/\d+)(?:\s+\((\d+)↻\))?$/.exec(text.trim());
        out.push(
          m
            ? { replicaSet, status: m[1] as string, ready: m[2] as string, restarts: Number(m[3] ?? 0) }
            : { replicaSet, status: `unreadable chip "${text}"`, ready: "", restarts: -1 },
        );
      }
    }
    return out;
  } finally {
    await page.close();
  }
}
