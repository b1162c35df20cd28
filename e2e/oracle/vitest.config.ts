import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The differential test against the kubectl-argo-rollouts plugin (npm run test:oracle).
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    include: ["*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 1_500_000,
  },
});
