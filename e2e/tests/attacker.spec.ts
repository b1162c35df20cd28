// The browser as the attacker. A page on another origin frames the dashboard and fires requests at it;
// a DNS-rebinding page (a name of the attacker's that resolves to 127.0.0.1) reads and writes as if it
// were same-origin. Neither frames, reads nor changes anything, and the audit log stays empty.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, expect, test } from "@playwright/test";
import { systemChromium } from "../system-chromium";
import { query, target } from "./api";

const victim = target("Rollout", "rollouts-demo", "myapp");
const dashboard = "http://localhost:3100";
const restartBody = JSON.stringify({ target: victim, observed: {} });

interface AuditEntry {
  action: string;
  object: { name: string };
}
const auditOfVictim = async (request: Parameters<typeof query>[0]) =>
  (
    await query<AuditEntry[]>(request, "audit.list", { name: victim.name, namespace: victim.namespace })
  ).filter((e) => e.action === "restart");

const attackerPage = `<!doctype html><title>Free prizes</title>
<h1>Nothing to see here</h1>
<iframe id="frame" src="${dashboard}/" width="800" height="400" style="opacity:0.5"></iframe>
<form id="form" method="POST" action="${dashboard}/api/trpc/actions.restart" enctype="text/plain" target="sink">
  <input name='${restartBody.slice(0, -1)}' value='}'>
</form>
<iframe name="sink" style="display:none"></iframe>
<script>
  window.results = {};
  fetch("${dashboard}/api/trpc/actions.restart", { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(restartBody)} })
    .then(() => (window.results.write = "sent"), (e) => (window.results.write = "blocked " + e));
  fetch("${dashboard}/api/trpc/audit.list")
    .then((r) => r.text()).then((t) => (window.results.read = t), (e) => (window.results.read = "blocked " + e));
  document.getElementById("form").submit();
</script>`;

let attacker: Server;
let attackerOrigin: string;

test.beforeAll(async () => {
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(attackerPage);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", () => resolve()));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(() => attacker.close());

test("a page on another origin can neither frame, read nor change the dashboard", async ({
  page,
  request,
}) => {
  const before = (await auditOfVictim(request)).length;
  const response = await page.request.get(`${dashboard}/`);
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");

  await page.goto(attackerOrigin);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { results: Record<string, string> }).results.read))
    .toMatch(/blocked/);
  // Chromium refuses to render the framed dashboard: the frame holds its error page, not Rollscope.
  const framed = page.frames().find((f) => f !== page.mainFrame() && f.name() !== "sink");
  await expect.poll(async () => (await framed?.content()) ?? "").not.toContain("Rollscope overview");
  await page.screenshot({ path: "screenshots/attacker-frame.png" });
  await page.waitForTimeout(1000);
  expect((await auditOfVictim(request)).length).toBe(before);
});

/**
 * DNS rebinding without a DNS server: the browser reaches rebind.attacker.test through this proxy,
 * which serves the attacker's page first and then, as the attacker's DNS would, sends everything
 * else for that name to 127.0.0.1 — with the Host header the browser wrote, as a rebound name does.
 */
function rebindingProxy(page: string): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/");
    if (url.pathname === "/attack") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(page);
      return;
    }
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: url.port || 80,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
}

test("a DNS-rebinding page is refused on reads and writes", async ({ request }) => {
  const before = (await auditOfVictim(request)).length;
  const proxy = rebindingProxy("<!doctype html><title>Rebound</title><p>Loading…</p>");
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
  const browser = await chromium.launch({
    ...systemChromium,
    proxy: { server: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
  });
  try {
    const page = await browser.newPage();
    // The attacker's page, served under its name on the dashboard's port…
    await page.goto("http://rebind.attacker.test:3100/attack");
    // …now talks to Rollscope as if it were same-origin.
    const results = await page.evaluate(async (body) => {
      const read = await fetch("/api/trpc/audit.list");
      const write = await fetch("/api/trpc/actions.restart", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      return { read: read.status, readBody: await read.text(), write: write.status };
    }, restartBody);
    expect(results.read).toBe(403);
    expect(results.readBody).toContain("not served as rebind.attacker.test:3100");
    expect(results.readBody).not.toContain("identity");
    expect(results.write).toBe(403);
    const landing = await page.goto("http://rebind.attacker.test:3100/");
    expect(landing?.status()).toBe(403);
    await expect(page.locator("body")).toContainText("not served as rebind.attacker.test:3100");
    await page.screenshot({ path: "screenshots/rebinding-refused.png" });
  } finally {
    await browser.close();
    proxy.close();
  }
  expect((await auditOfVictim(request)).length).toBe(before);
});
