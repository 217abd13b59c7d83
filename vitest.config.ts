import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Suites start real servers on ephemeral ports and use their own databases,
    // so files can run in parallel; two workers match the 2-core machines.
    maxWorkers: 2,
  },
});
