import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): the ones
 * that aim at money, ownership, notifications, webhook verification and HTML
 * escaping. The broad traveller e2e suites are left out: they cover most of
 * the scope without aiming at it, and would multiply every survivor's cost.
 */
export default defineConfig({
  test: {
    include: [
      "test/webhook-signature.test.ts",
      "test/webhook-server.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
