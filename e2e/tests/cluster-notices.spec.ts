// The overview says why deliveries may be missing: a controller whose CRDs a cluster lacks, and
// objects that fail their CRD schema or have invalid names, and snapshot files that could not be read.
// The demo cluster has none of them, so the test adds them to the API's real clusters.list answer on
// its way to the page.
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

const unreadable = { file: "dump/pipe.yaml", message: "is a named pipe, not a file: skipped" };

test("missing CRDs, unreadable snapshot files and objects that fail validation are named above the list", async ({
  page,
}) => {
  await page.route(/\/api\/trpc\/[^?]*clusters\.list/, async (route) => {
    const response = await route.fetch();
    const procedures = new URL(route.request().url()).pathname.replace("/api/trpc/", "").split(",");
    const body = await response.json();
    const answers = Array.isArray(body) ? body : [body];
    const cluster = answers[procedures.indexOf("clusters.list")]?.result?.data?.[0];
    if (cluster) {
      cluster.health.absent = [absent];
      cluster.invalidObjects = [invalid];
      cluster.fileErrors = [unreadable];
    }
    await route.fulfill({ response, json: body });
  });
  const overview = new OverviewPage(page);
  await overview.open();
  const notices = page.getByRole("list", { name: "Cluster notices" });
  await expect(notices).toContainText(`Demo cluster: ${absent.hint}`);
  const files = notices.getByRole("alert").filter({ hasText: "could not be loaded" });
  await expect(files).toContainText("1 file could not be loaded; the rest is shown");
  await files.getByText("could not be loaded").click();
  await expect(files).toContainText(`${unreadable.file} ${unreadable.message}`);
  const warning = notices.getByRole("alert").filter({ hasText: "not valid" });
  await expect(warning).toContainText("1 object is not valid (CRD schema or name) and is not shown");
  await warning.getByText("not shown").click();
  await expect(warning).toContainText("Rollout shop/broken: spec.strategy: Invalid input");
  await overview.screenshot("cluster-notices");
});
