// Who acts, on the real cluster: each person signs in through a real OpenID provider (Dex, through its
// own login form) and acts under the cluster's own RBAC, by impersonation from a service account that
// can do nothing itself; the audit, the Kubernetes Event and the API server's own audit log name the
// same person. Also the action-verbs mode (a person who may only promote) and local mode (the
// kubeconfig's own user named in the audit).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, expect as playwrightExpect } from "@playwright/test";
import { localActor } from "@rollscope/api/server/request-guard";
import { freePort } from "@rollscope/shared/http/free-port";
import type { Actor } from "@rollscope/shared/identity/actor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryPageObject } from "../../pages/delivery-page";
import { systemChromium } from "../../system-chromium";
import { argoRollout } from "./argo-objects";
import { apply, cluster, kubectl, rollscope, waitFor } from "./cluster";
import { startRollscope } from "./rollscope-process";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const screenshots = join(repoRoot, "e2e/screenshots");
const contextName = "rollscope-test";
const namespace = "identity";
const ui = playwrightExpect.configure({ timeout: 20_000 });

const pausedRollout = (name: string) =>
  argoRollout({
    namespace,
    name,
    image: "argoproj/rollouts-demo:blue",
    replicas: 2,
    steps: [{ setWeight: 50 }, { pause: {} }, { setWeight: 100 }, { pause: {} }],
  });

interface RolloutStatus {
  phase?: string;
  currentStepIndex?: number;
  pauseConditions?: unknown[];
}
const statusOf = (name: string): RolloutStatus =>
  JSON.parse(kubectl("-n", namespace, "get", "rollout", name, "-o", "jsonpath={.status}") || "{}");

/** A Rollout that went Healthy on blue and then paused at step 1 with yellow. */
async function pausedAtStep1(name: string): Promise<void> {
  apply(pausedRollout(name));
  await waitFor(
    `${name} Healthy`,
    () => statusOf(name),
    (s) => s.phase === "Healthy",
  );
  apply({
    ...pausedRollout(name),
    spec: {
      ...pausedRollout(name).spec,
      template: {
        ...pausedRollout(name).spec.template,
        spec: { containers: [{ name: "web", image: "argoproj/rollouts-demo:yellow" }] },
      },
    },
  });
  await waitFor(
    `${name} paused at step 1`,
    () => statusOf(name),
    (s) => s.phase === "Paused" && s.currentStepIndex === 1 && (s.pauseConditions?.length ?? 0) > 0,
  );
}

beforeAll(() => {
  kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true", "--timeout=120s");
  kubectl("create", "namespace", namespace);
});
afterAll(() => {
  kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true", "--timeout=120s");
}, 150_000);

describe("--auth local on the real cluster", () => {
  it("names the kubeconfig's own user, as the cluster says it is, in the audit", async () => {
    await pausedAtStep1("local-web");
    const local = await rollscope({ actor: localActor });
    try {
      const who = await local.running.services.clusters.get(local.name)?.source.whoAmI();
      expect(who?.name).toBeTruthy();
      const target = { cluster: local.name, kind: "Rollout" as const, namespace, name: "local-web" };
      await waitFor(
        "local-web in the cache",
        () => local.caller.deliveries.get(target).catch(() => undefined),
        Boolean,
      );
      await local.caller.actions.restart({ target });
      const [entry] = await local.caller.audit.list({ name: "local-web", limit: 1 });
      expect(entry).toMatchObject({
        action: "restart",
        result: "succeeded",
        identity: `${who?.name} via context ${contextName}`,
      });
    } finally {
      await local.running.stop();
    }
  });
});

describe("--authorize-actions verbs on the real cluster", () => {
  it("a person granted only `promote` promotes, and is refused set image with the verb named", async () => {
    await pausedAtStep1("verbs-web");
    const carol: Actor = { name: "carol@example.com", groups: ["promoters"], via: "oidc", impersonate: true };
    const verbs = await rollscope({
      kubeconfig: cluster.ROLLSCOPE_VERBS_KUBECONFIG,
      actor: carol,
      authorizeActions: "verbs",
    });
    try {
      const target = { cluster: verbs.name, kind: "Rollout" as const, namespace, name: "verbs-web" };
      const { delivery } = await waitFor(
        "verbs-web seen paused",
        () => verbs.caller.deliveries.get(target),
        (d) => d.delivery.rawPhase === "Paused",
      );
      expect(delivery.actions.find((a) => a.action === "setImage")).toMatchObject({
        enabled: false,
        reason: `Not allowed: carol@example.com may not setimage rollouts.argoproj.io in namespace ${namespace}.`,
      });
      await expect(
        verbs.caller.actions.setImage({ target, container: "web", image: "argoproj/rollouts-demo:red" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await verbs.caller.actions.promote({ target, observed: delivery.observed });
      await waitFor(
        "verbs-web past step 1",
        () => statusOf("verbs-web"),
        (s) => (s.currentStepIndex ?? 0) >= 2,
      );
      const [entry] = await verbs.caller.audit.list({ name: "verbs-web", limit: 1 });
      expect(entry).toMatchObject({ action: "promote", result: "succeeded", identity: "carol@example.com" });
    } finally {
      await verbs.running.stop();
    }
  });
});

describe("--auth oidc with Dex, in Chromium", () => {
  const rolloutName = "oidc-web";
  let rollscopeProcess: ReturnType<typeof startRollscope> | undefined;
  let browser: Browser | undefined;
  let baseURL = "";
  let dataDir: string | undefined;
  let webPort = 0;

  beforeAll(async () => {
    const deadline = Date.now() + 280_000;
    await pausedAtStep1(rolloutName);
    // The confidential client's redirect URIs name ports 3190-3199 (e2e/cluster/dex/config.yaml).
    webPort = await freePort(3190);
    if (!cluster.DEX_REDIRECT_PORTS?.split(",").includes(String(webPort)))
      throw new Error(`port ${webPort} is not one of Dex's redirect ports ${cluster.DEX_REDIRECT_PORTS}`);
    dataDir = mkdtempSync(join(tmpdir(), "rollscope-identity-"));
    rollscopeProcess = startRollscope({
      webPort,
      dataDir,
      deadline,
      args: [
        ...["--context", contextName, "--auth", "oidc"],
        ...["--oidc-issuer", cluster.DEX_ISSUER ?? "", "--oidc-client-id", cluster.DEX_CLIENT_ID ?? ""],
        ...["--oidc-client-secret-file", cluster.DEX_CLIENT_SECRET_FILE ?? ""],
        ...["--oidc-group", "rollout-operators", "--oidc-group", "viewers"],
      ],
      // Rollscope's own account may read and impersonate, nothing else: every action must be the person's.
      env: { KUBECONFIG: cluster.ROLLSCOPE_IMPERSONATOR_KUBECONFIG ?? "" },
    });
    baseURL = await rollscopeProcess.ready;
    browser = await chromium.launch({ ...systemChromium, headless: true });
    mkdirSync(screenshots, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await rollscopeProcess?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** Through the sign-in page and Dex's own login form, back on the delivery page. */
  async function signIn(
    login: "alice" | "bob",
  ): Promise<{ context: BrowserContext; page: DeliveryPageObject }> {
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`/d/${contextName}/rollout/${namespace}/${rolloutName}`);
    await page.getByRole("link", { name: "Sign in with your identity provider" }).click();
    await page.locator("#login").fill(`${login}@example.com`);
    await page
      .locator("#password")
      .fill(login === "alice" ? (cluster.DEX_ALICE_PASSWORD ?? "") : (cluster.DEX_BOB_PASSWORD ?? ""));
    await page.locator("#submit-login").click();
    const delivery = new DeliveryPageObject(page);
    await ui(delivery.title).toHaveText(rolloutName, { timeout: 30_000 });
    await ui(page.getByTitle("Who this browser acts as")).toHaveText(`${login}@example.com`);
    return { context, page: delivery };
  }

  const sessionCookieName = () => `rollscope_session_${webPort}`;

  it("bob, who may only view, sees Promote disabled with the verb and resource the cluster refused", async () => {
    const { context, page } = await signIn("bob");
    try {
      const promote = page.action("Promote");
      await ui(promote).toBeDisabled();
      await ui(promote).toHaveAttribute(
        "title",
        /bob@example\.com may not patch rollouts\.argoproj\.io\/status in namespace identity/,
      );
      await page.page.screenshot({ path: join(screenshots, "cluster-oidc-bob.png"), fullPage: true });
      await page.page.getByRole("button", { name: "Sign out" }).click();
      await ui(page.page.getByRole("link", { name: "Sign in with your identity provider" })).toBeVisible();
    } finally {
      await context.close();
    }
  });

  it("alice promotes; the audit, the Event and the API server's audit log all name her; sign-out ends the session", async () => {
    const { context, page } = await signIn("alice");
    try {
      const auditLogBefore = readFileSync(cluster.APISERVER_AUDIT_LOG ?? "", "utf8").length;
      await page.run("Promote", /status patch/);
      await ui(page.page.getByRole("status").filter({ hasText: "Promote sent" })).toBeVisible();
      await waitFor(
        "oidc-web past step 1",
        () => statusOf(rolloutName),
        (s) => (s.currentStepIndex ?? 0) >= 2,
      );
      await page.page.screenshot({ path: join(screenshots, "cluster-oidc-alice.png"), fullPage: true });

      // Rollscope's audit, read through the signed-in page.
      const audit = await page.page.evaluate(async (name) => {
        const input = encodeURIComponent(JSON.stringify({ name, limit: 5 }));
        return (await (await fetch(`/api/trpc/audit.list?input=${input}`)).json()) as {
          result: { data: { action: string; result: string; identity: string }[] };
        };
      }, rolloutName);
      expect(audit.result.data[0]).toMatchObject({
        action: "promote",
        result: "succeeded",
        identity: "alice@example.com",
      });

      // The Kubernetes Event on the Rollout.
      const events = await waitFor(
        "a RollscopeAction Event",
        () =>
          kubectl(
            "-n",
            namespace,
            "get",
            "events",
            "--field-selector",
            "reason=RollscopeAction",
            "-o",
            "jsonpath={.items[*].message}",
          ),
        (text) => text.includes("alice@example.com:"),
        30_000,
      );
      expect(events).toContain("alice@example.com:");

      // The API server's own audit log: the status patch, made by Rollscope's account as alice.
      const lines = readFileSync(cluster.APISERVER_AUDIT_LOG ?? "", "utf8")
        .slice(auditLogBefore)
        .split("\n");
      const patches = lines
        .filter((l) => l.includes('"rollouts"') && l.includes('"patch"'))
        .map(
          (l) =>
            JSON.parse(l) as {
              user: { username: string };
              impersonatedUser?: { username: string; groups?: string[] };
              objectRef: { name: string; subresource?: string };
              responseStatus?: { code: number };
            },
        );
      const promoted = patches.find(
        (e) => e.objectRef.name === rolloutName && e.responseStatus?.code === 200,
      );
      expect(promoted?.impersonatedUser).toMatchObject({
        username: "alice@example.com",
        groups: expect.arrayContaining(["rollout-operators"]),
      });
      expect(promoted?.user.username).toBe("system:serviceaccount:rollscope:rollscope-impersonator");

      // Sign-out revokes: the same cookie, replayed, and a tampered one open nothing.
      const cookie = (await context.cookies()).find((c) => c.name === sessionCookieName());
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
      await page.page.getByRole("button", { name: "Sign out" }).click();
      await ui(page.page.getByRole("link", { name: "Sign in with your identity provider" })).toBeVisible();
      const call = (value: string) =>
        fetch(`${baseURL}/api/trpc/clusters.list`, {
          headers: { cookie: `${sessionCookieName()}=${value}` },
        });
      expect((await call(cookie?.value ?? "")).status).toBe(401);
      expect((await call(`${(cookie?.value ?? "").slice(0, -2)}xx`)).status).toBe(401);
    } finally {
      await context.close();
    }
  });
});
