// Debian's Chromium (never a downloaded browser) with the flags it needs headless on a CI machine:
// shared by the Playwright tests, the cluster's browser smoke test and the bundle-size benchmark.
export const systemChromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
