// The overview says why deliveries may be missing: a controller whose CRDs a cluster lacks, and
// objects that fail their CRD schema. The demo cluster has neither, so the test adds both to the
// API's real clusters.list answer on its way to the page.
import { expect, test } from "@playwright/test";
import { OverviewPage } from "../pages/overview-page";

const absent = {
  controller: "flagger",
  hint: "Flagger CRDs not installed (no canaries.flagger.app/v1beta1): Canaries are not shown",
};
const invalid = {
  kind: "Rollout",
  namespace: "shop",
  name: "broken",
  message: "spec.strategy: Invalid input",
};

test("missing CRDs and objects that fail validation are named above the list", async ({ page }) => {
  await page.route(/\/api\/trpc\/[^?]*clusters\.list/, async (route) => {
    const response = await route.fetch();
    const procedures = new URL(route.request().url()).pathname.replace("/api/trpc/", "").split(",");
    const body = await response.json();
    const answers = Array.isArray(body) ? body : [body];
    const cluster = answers[procedures.indexOf("clusters.list")]?.result?.data?.[0];
    if (cluster) {
      cluster.health.absent = [absent];
      cluster.invalidObjects = [invalid];
    }
    await route.fulfill({ response, json: body });
  });
  const overview = new OverviewPage(page);
  await overview.open();
  const notices = page.getByRole("list", { name: "Cluster notices" });
  await expect(notices).toContainText(`Demo cluster: ${absent.hint}`);
  const warning = notices.getByRole("alert");
  await expect(warning).toContainText("1 object does not match its CRD schema and is not shown");
  await warning.getByText("not shown").click();
  await expect(warning).toContainText("Rollout shop/broken: spec.strategy: Invalid input");
  await overview.screenshot("cluster-notices");
});
