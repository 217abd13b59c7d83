/**
 * Unpaid orders do not pile up (issue #10, item 10): a user keeps at most
 * five open invoices, a sixth expires the oldest, and an invoice older than
 * a day is refused; in both cases paying it is refused at pre-checkout with
 * a clear message and nothing is charged.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { VisibleMessage } from "./support/telegram/chats.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

describe("unpaid orders", () => {
  it("a sixth open invoice expires the oldest: paying it is refused, the others still pay", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const invoices: VisibleMessage[] = [];
    for (let i = 0; i < 6; i++) invoices.push((await buyUpToInvoice(user)).invoice);

    const oldest = await user.pay(invoices[0]!);
    expect(oldest).toMatchObject({ ok: false, errorMessage: "This invoice has expired. Please start again with /buy." });
    expect(shop.emulator.payments()).toEqual([]);

    const second = await user.pay(invoices[1]!);
    expect(second.ok).toBe(true);
    await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
  });

  it("an invoice older than a day is refused, and the hourly sweep marks its order expired", async () => {
    let now = Date.now();
    shop = await startShop({ now: () => new Date(now) });
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    now += 24 * 60 * 60_000 + 60_000;

    expect(await user.pay(invoice)).toMatchObject({ ok: false, errorMessage: expect.stringContaining("has expired") });
    // The sweep runs at start (and every hour): a restart makes it run now.
    await shop.restart();
    const prisma = shop.database.db.prisma;
    const orderId = invoice.invoice!.payload;
    await vi.waitFor(async () => expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("expired"), {
      timeout: 5_000,
      interval: 20,
    });
  });
});
