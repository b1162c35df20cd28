import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    reporters: ["default"],
    // The scenario tests run the simulated controllers through whole releases: seconds each on a busy machine.
    testTimeout: 20_000,
  },
});
