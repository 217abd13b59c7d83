/**
 * End to end: a payment's QR does not wait behind other buyers' deliveries.
 * Each delivery holds a fulfilment run for about two seconds (three messages
 * at Telegram's pace of one a second per chat), so a shop selling several
 * eSIMs a second has many deliveries paced at once; a new buyer's QR must
 * still go out at once rather than when an earlier delivery ends.
 */
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** More than the sixteen runs the pool had: each buyer's delivery is paced while the next ones pay. */
const BUYERS = 20;

describe("fulfilment pool", () => {
  it("sends every buyer's QR before the first buyer's paced delivery has ended", async () => {
    shop = await startShop();
    const users = Array.from({ length: BUYERS }, (_, i) => shop!.emulator.user({ first_name: `Buyer${i}`, language_code: "en" }));
    await Promise.all(users.map((user) => buyUpToInvoice(user)));

    const qrAt: Array<Promise<number>> = [];
    let firstDeliveryEnded: Promise<number> | undefined;
    for (const user of users) {
      const payment = await user.pay();
      expect(payment.ok).toBe(true);
      qrAt.push(user.waitForPhoto("Your eSIM is ready", { timeoutMs: 20_000 }).then(() => performance.now()));
      // The last message of a delivery: its run is free again only after it.
      firstDeliveryEnded ??= user.waitForMessage("When do you leave?", { timeoutMs: 20_000 }).then(() => performance.now());
    }
    const ended = await firstDeliveryEnded!;
    const lastQr = Math.max(...(await Promise.all(qrAt)));
    expect(lastQr).toBeLessThan(ended);
  }, 60_000);
});
