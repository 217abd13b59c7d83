import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): the ones
 * that aim at money, ownership, notifications, webhook verification and HTML
 * escaping (stryker.config.mjs picks each group's). Broad traveller journeys (search, languages, reminders…) are left
 * out: they execute most of the scope without aiming at it, and each
 * surviving mutant runs every test that executed it.
 */
const TESTS = [
  // Fast, aimed tests first: Stryker stops at a mutant's first failing test.
  "test/order-states.test.ts",
  "test/payments-service.test.ts",
  "test/order-service.test.ts",
  "test/fulfilment-service.test.ts",
  "test/refund-service.test.ts",
  "test/star-ledger-service.test.ts",
  "test/fulfilment-leases.test.ts",
  "test/refund-leases.test.ts",
  "test/notification-leases.test.ts",
  "test/lifecycle-rules.test.ts",
  "test/notification-sender.test.ts",
  "test/webhook-signature.test.ts",
  "test/webhook-server.test.ts",
  "test/telegram-webhook-route.test.ts",
  "test/provider-webhook-route.test.ts",
  "test/db-webhook-events.test.ts",
  "test/balance-service.test.ts",
  "test/esim-views.test.ts",
  "test/telegram-api.test.ts",
  "test/operator-broadcasts.test.ts",
  "test/order-actions-repository.test.ts",
  "test/operator-orders.test.ts",
  "test/operator-order-refusals.test.ts",
  "test/dashboard-order-page.test.ts",
  "test/dashboard-services.test.ts",
  // Then the end-to-end money, ownership and notification paths.
  "test/money-guards-e2e.test.ts",
  "test/money-paths-e2e.test.ts",
  "test/delivery-steps-e2e.test.ts",
  "test/unpaid-orders-e2e.test.ts",
  "test/my-esims-e2e.test.ts",
  "test/inline-e2e.test.ts",
  "test/admin-e2e.test.ts",
  "test/admin-orders-e2e.test.ts",
  "test/lifecycle-e2e.test.ts",
  "test/reminders-e2e.test.ts",
  "test/webhooks-e2e.test.ts",
];

/** Runs the files in the order above (vitest's default puts the slowest first). */
class ListedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => TESTS.findIndex((name) => file.moduleId.endsWith(name));
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: TESTS,
    sequence: { sequencer: ListedOrder },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
