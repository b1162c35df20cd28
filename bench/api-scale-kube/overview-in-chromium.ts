// The overview at scale in Debian's Chromium, as a person meets it: time from navigation to the first
// rows on screen, the main thread's scripting while scrolling the whole list, and how long a search
// takes to show its rows. Timings come from Chromium itself (CDP Performance metrics and long tasks).
import { chromium } from "@playwright/test";
import { systemChromium } from "../../e2e/system-chromium";

export interface OverviewFigures {
  firstRowsMs: number;
  /** Main-thread script time while scrolling: total, and per scroll step (median). */
  scrollScriptMs: number;
  scrollSteps: number;
  /** Tasks of 50 ms or more on the main thread while scrolling. */
  scrollLongTasks: number;
  searchMs: number;
  /** Bytes the page received over the network before its first rows (pages, scripts, the live list). */
  bytesBeforeFirstRows: number;
}

export async function measureOverview(url: string, searchText: string): Promise<OverviewFigures> {
  const browser = await chromium.launch(systemChromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    await cdp.send("Network.enable");
    let bytes = 0;
    let counting = true;
    cdp.on("Network.dataReceived", (e: { encodedDataLength: number }) => {
      if (counting) bytes += e.encodedDataLength;
    });
    await page.addInitScript(() => {
      (window as unknown as { longTasks: number }).longTasks = 0;
      new PerformanceObserver((list) => {
        (window as unknown as { longTasks: number }).longTasks += list.getEntries().length;
      }).observe({ type: "longtask", buffered: true });
    });
    const rows = page.getByTestId("delivery-row");
    const start = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await rows.first().waitFor({ state: "visible", timeout: 60_000 });
    const firstRowsMs = performance.now() - start;
    counting = false;

    // Wait for the whole list, then scroll it top to bottom in wheel steps.
    await page.waitForTimeout(3_000);
    const scriptSeconds = async () => {
      const { metrics } = (await cdp.send("Performance.getMetrics")) as {
        metrics: { name: string; value: number }[];
      };
      return metrics.find((m) => m.name === "ScriptDuration")?.value ?? 0;
    };
    await page.mouse.move(700, 500);
    const longBefore = await page.evaluate(() => (window as unknown as { longTasks: number }).longTasks);
    const before = await scriptSeconds();
    const steps = 60;
    for (let k = 0; k < steps; k++) {
      await page.mouse.wheel(0, 4_000);
      await page.waitForTimeout(50);
    }
    const scrollScriptMs = ((await scriptSeconds()) - before) * 1000;
    const scrollLongTasks =
      (await page.evaluate(() => (window as unknown as { longTasks: number }).longTasks)) - longBefore;

    // A search: from the last key to the rows it finds.
    const search = page.getByRole("searchbox", { name: "Search deliveries" });
    await search.click();
    const typed = performance.now();
    await search.fill(searchText);
    await page.waitForFunction(
      (text) => {
        const shown = [...document.querySelectorAll('[data-testid="delivery-row"]')];
        return shown.length > 0 && shown.every((r) => (r.getAttribute("data-name") ?? "").includes(text));
      },
      searchText,
      { timeout: 30_000 },
    );
    const searchMs = performance.now() - typed;
    return {
      firstRowsMs,
      scrollScriptMs,
      scrollSteps: steps,
      scrollLongTasks,
      searchMs,
      bytesBeforeFirstRows: bytes,
    };
  } finally {
    await browser.close();
  }
}
