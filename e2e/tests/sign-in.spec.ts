// A Rollscope started with --auth-token-file: the browser signs in once with the token, the live overview
// (queries and the SSE subscription) then works on the session cookie, and signing out asks again.
import { expect, test } from "@playwright/test";
import { OverviewPage } from "../pages/overview-page";
import { tokenServer } from "../servers";

test.use({ baseURL: tokenServer.baseURL });

test("sign in with the token, see the live overview, sign out", async ({ page, request }) => {
  await page.goto("/");
  const form = page.getByRole("form", { name: "Sign in to Rollscope" });
  await expect(form).toBeVisible();
  await page.screenshot({ path: "screenshots/sign-in.png", fullPage: true });

  const field = page.getByLabel("Token");
  await field.fill("not-the-right-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toContainText("not this Rollscope's token");
  await expect(form).toBeVisible();

  await field.fill(tokenServer.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  const overview = new OverviewPage(page);
  await expect(overview.liveState).toHaveText(/Live/);
  await expect(overview.row("myapp")).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "rollscope_session_3120");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  // The cookie is an opaque session id, never the token itself.
  expect(session?.value).not.toContain(tokenServer.token);

  // Without the cookie the API still refuses.
  expect((await request.get("/api/trpc/clusters.list")).status()).toBe(401);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(form).toBeVisible();
  await page.reload();
  await expect(form).toBeVisible();

  // Sign-out revoked the session: a copy of the old cookie, replayed, opens nothing.
  const replay = await request.get("/api/trpc/clusters.list", {
    headers: { cookie: `rollscope_session_3120=${session?.value}` },
  });
  expect(replay.status()).toBe(401);
  expect(await replay.text()).toContain("session has ended");
});
