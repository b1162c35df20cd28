import { expect, test } from "@playwright/test";
import { DeliveryPageObject } from "../pages/delivery-page";

test.use({ baseURL: "http://localhost:3110" });

test("read-only mode disables every action with the reason, and the API refuses them", async ({
  page,
  request,
}) => {
  const detail = new DeliveryPageObject(page);
  await detail.open("demo", "rollout", "rollouts-demo", "myapp");
  for (const name of ["Promote", "Abort", "Restart", "Set image"]) {
    await expect(detail.action(name)).toBeDisabled();
    await expect(detail.action(name)).toHaveAttribute("title", /read-only/);
  }
  await detail.screenshot("read-only");
  const response = await request.post("/api/trpc/actions.restart", {
    data: { target: { cluster: "demo", kind: "Rollout", namespace: "rollouts-demo", name: "myapp" } },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("read-only");
});
