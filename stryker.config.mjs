// Mutation testing of the code where a bug costs money or leaks data (issue #17).
// `npm run test:mutation` runs every group below; `MUTATION_GROUP=money npm run
// test:mutation` one of them (money, fulfilment, ownership, operator,
// dashboard, notifications, webhooks, html). Not part of `npm test` (see README, "Mutation testing").

/**
 * The scope, in groups that can be run (and re-run incrementally) on their
 * own, each with the tests aimed at it (all listed, in order, in
 * vitest.mutation.config.ts). A group's tests run once in full first (the
 * dry run), then each mutant runs only those of them that executed it.
 */
const GROUPS = {
  money: {
    mutate: [
      "src/domain/order.ts",
      "src/domain/refund.ts",
      "src/services/payments.ts",
      "src/services/orders.ts",
      "src/services/upstream-outcome.ts",
      "src/bot/features/payments.ts",
    ],
    tests: [
      "test/order-states.test.ts",
      "test/payments-service.test.ts",
      "test/order-service.test.ts",
      "test/fulfilment-service.test.ts",
      "test/money-guards-e2e.test.ts",
      "test/money-paths-e2e.test.ts",
      "test/unpaid-orders-e2e.test.ts",
    ],
  },
  fulfilment: {
    mutate: ["src/services/fulfilment.ts", "src/services/refunds.ts", "src/services/star-ledger.ts"],
    tests: [
      "test/fulfilment-service.test.ts",
      "test/refund-service.test.ts",
      "test/star-ledger-service.test.ts",
      "test/fulfilment-leases.test.ts",
      "test/refund-leases.test.ts",
      "test/money-guards-e2e.test.ts",
      "test/money-paths-e2e.test.ts",
      "test/delivery-steps-e2e.test.ts",
    ],
  },
  ownership: {
    mutate: [
      "src/services/balance.ts",
      "src/services/operator/access.ts",
      "src/bot/features/my-esims.ts",
      "src/bot/features/top-up.ts",
      "src/bot/features/inline.ts",
    ],
    tests: ["test/balance-service.test.ts", "test/esim-views.test.ts", "test/operator-broadcasts.test.ts", "test/my-esims-e2e.test.ts", "test/inline-e2e.test.ts", "test/admin-e2e.test.ts"],
  },
  // The operator's actions on orders (retry, resend, refund, resolve): the
  // service and the transaction that moves the money.
  operator: {
    mutate: ["src/services/operator/order-actions.ts", "src/db/order-actions-repository.ts"],
    tests: ["test/order-actions-repository.test.ts", "test/operator-orders.test.ts", "test/operator-order-refusals.test.ts", "test/dashboard-order-page.test.ts", "test/admin-orders-e2e.test.ts"],
  },
  // Who reaches the web dashboard (sign-in links, sessions, ADMIN_IDS on
  // every read) and what its reads and actions hand over.
  dashboard: {
    mutate: ["src/services/operator/dashboard-auth.ts", "src/services/operator/dashboard.ts"],
    tests: ["test/dashboard-order-page.test.ts", "test/dashboard-services.test.ts"],
  },
  notifications: {
    mutate: ["src/services/notifications.ts", "src/bot/send-to-user.ts", "src/domain/lifecycle.ts"],
    tests: ["test/lifecycle-rules.test.ts", "test/notification-sender.test.ts", "test/notification-leases.test.ts", "test/telegram-api.test.ts", "test/money-guards-e2e.test.ts", "test/lifecycle-e2e.test.ts", "test/reminders-e2e.test.ts"],
  },
  webhooks: {
    mutate: [
      "src/providers/giapi/webhook-signature.ts",
      "src/server/provider-webhook-route.ts",
      "src/server/telegram-webhook-route.ts",
      "src/services/webhook-event-ids.ts",
    ],
    tests: [
      "test/webhook-signature.test.ts",
      "test/webhook-server.test.ts",
      "test/telegram-webhook-route.test.ts",
      "test/provider-webhook-route.test.ts",
      "test/db-webhook-events.test.ts",
      "test/webhooks-e2e.test.ts",
    ],
  },
  html: {
    mutate: ["src/bot/html.ts"],
    tests: ["test/money-guards-e2e.test.ts"],
  },
};

const group = process.env.MUTATION_GROUP ?? "all";
if (group !== "all" && !(group in GROUPS)) {
  throw new Error(`MUTATION_GROUP must be one of: all, ${Object.keys(GROUPS).join(", ")} (got "${group}")`);
}

// The mutants are in code that does not depend on the database: one database is enough (test/support/databases.ts).
process.env.TEST_DATABASES ??= "sqlite";

const chosen = group === "all" ? Object.values(GROUPS) : [GROUPS[group]];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/*", "./test/mutation/ignore-log-calls.mjs"],
  ignorers: ["log-calls"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Each mutant runs only the tests that executed it in the dry run.
  coverageAnalysis: "perTest",
  // Module-level code (constants) would run every test for each of its mutants.
  ignoreStatic: true,
  mutate: chosen.flatMap((g) => g.mutate),
  testFiles: [...new Set(chosen.flatMap((g) => g.tests))],
  // A re-run tests only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: `reports/mutation/${group}/stryker-incremental.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${group}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${group}/mutation.json` },
  // The machines have 2 cores shared with other work; e2e tests are timing-sensitive.
  concurrency: 1,
  // The first run of every listed test, once, single-threaded on a busy machine.
  dryRunTimeoutMinutes: 30,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  thresholds: { high: 90, low: 85, break: null },
};
