// The dashboards Playwright starts (playwright.config.ts) and what the tests need to know of them.
export const tokenServer = {
  baseURL: "http://localhost:3120",
  /** What its API was started with (--auth-token-file). */
  token: "e2e-token-of-enough-length",
};
