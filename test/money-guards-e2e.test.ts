/**
 * Tests that catch a money or data bug (issue #17): each one plays a
 * traveller or the operator against the real app, the Telegram emulator and
 * the sandbox provider, and asserts what they would see. Each was checked to
 * fail with the single-line bug it names planted (see the issue).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { buttonStartingWith, buyEsim, buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { TestUser } from "./support/telegram/user.ts";

const ADMIN_ID = 900_000_017;

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

function sendsTo(active: TestShop, chatId: number): number {
  return active.emulator.callsTo("sendMessage").filter((call) => call.params.chat_id === chatId).length;
}

function countMessages(user: TestUser, text: string): number {
  return user.messages().filter((m) => m.content.includes(text)).length;
}

async function orderStatus(active: TestShop, orderId: string): Promise<string> {
  return (await active.database.db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status;
}

describe("pre-checkout guards the buyer's money", () => {
  // Bug: pre-checkout no longer checks that the payer owns the order.
  it("someone else cannot pay your invoice: refused before any money moves, nothing ordered", async () => {
    shop = await startShop();
    const buyer = shop.emulator.user({ first_name: "Buyer" });
    const stranger = shop.emulator.user({ first_name: "Mallory" });
    const { invoice } = await buyUpToInvoice(buyer);

    const attempt = await stranger.pay(invoice);
    expect(attempt).toMatchObject({ ok: false, errorMessage: "This invoice belongs to someone else. Send /buy to get your own." });
    expect(shop.emulator.payments()).toEqual([]);

    // The buyer still pays their own invoice.
    expect((await buyer.pay(invoice)).ok).toBe(true);
    await buyer.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
    expect(await shop.sandbox.orders()).toHaveLength(1);
  });

  // Bug: pre-checkout no longer compares the plan's price now with the invoice's.
  it("an invoice whose plan's price changed since it was sent is refused; a new invoice has the new price", async () => {
    shop = await startShop({ env: { PRICE_MARKUP_PERCENT: "25" } });
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    const oldPrice = invoice.invoice!.total_amount;

    // The operator raises the markup and restarts the shop.
    await shop.restart({ PRICE_MARKUP_PERCENT: "60" });
    const attempt = await user.pay(invoice);
    expect(attempt).toMatchObject({ ok: false, errorMessage: "The price of this plan has changed. Please start again with /buy to see the new price." });
    expect(shop.emulator.payments()).toEqual([]);

    const { invoice: fresh } = await buyUpToInvoice(user);
    expect(fresh.invoice!.total_amount).toBeGreaterThan(oldPrice);
    expect((await user.pay(fresh)).ok).toBe(true);
    await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
  });
});

describe("an order whose answer is lost", () => {
  // Bug: a retry orders again without looking the order up first (the sandbox's dedup would hide it otherwise).
  it("is looked up by our id before any second order, and delivered once", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    const orderId = invoice.invoice!.payload;
    // The provider makes the order, then the answer is lost.
    await shop.sandbox.faults({ orders: { fail_next: 1, status: 500, apply_first: true } });
    expect((await user.pay()).ok).toBe(true);

    await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
    await user.waitForMessage("When do you leave?", { timeoutMs: 10_000 });
    const requests = (await shop.sandbox.requests()).map((r) => `${r.method} ${r.path}${r.external_order_id ? `?${r.external_order_id}` : ""} ${r.status}`);
    expect(requests).toEqual([`POST /esim/orders 500`, `GET /esim/orders?${orderId} 200`]);
    expect(await shop.sandbox.orders()).toHaveLength(1);
    expect(user.messages().filter((m) => m.photo)).toHaveLength(1);
    expect(await orderStatus(shop, orderId)).toBe("delivered");
  });
});

describe("a second payment of one invoice", () => {
  // Bug: the duplicate is refunded and also handed to the operator, with a second message to the buyer.
  it("is refunded automatically: one message to the buyer, one refund, no operator alert, the payment refunded", async () => {
    shop = await startShop({ env: { ADMIN_IDS: String(ADMIN_ID) } });
    shop.emulator.user({ id: ADMIN_ID, first_name: "Operator" });
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    const orderId = invoice.invoice!.payload;
    const [first, second] = await Promise.all([user.pay(invoice), user.pay(invoice)]);
    if (!first.ok || !second.ok) throw new Error("both payments should pass pre-checkout");

    await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
    await user.waitForMessage("has been refunded", { timeoutMs: 10_000 });
    const prisma = shop.database.db.prisma;
    await vi.waitFor(async () => expect(await prisma.refund.findMany({ where: { status: "done" } })).toHaveLength(1), { timeout: 10_000, interval: 20 });
    // Updates of one chat are handled in order: once /help is answered, everything before it was.
    user.send("/help");
    await user.waitForMessage("How it works");

    expect(countMessages(user, "You paid twice")).toBe(1);
    expect(user.messages().filter((m) => m.content.includes("refund"))).toHaveLength(1);
    const refunds = shop.emulator.callsTo("refundStarPayment");
    expect(refunds).toHaveLength(1);
    const refundedCharge = String(refunds[0]!.params.telegram_payment_charge_id);
    expect([first.chargeId, second.chargeId]).toContain(refundedCharge);
    expect(sendsTo(shop, ADMIN_ID)).toBe(0);

    const payments = await prisma.payment.findMany({ where: { orderId }, orderBy: { telegramChargeId: "asc" } });
    const statusOf = new Map(payments.map((p) => [p.telegramChargeId, p.status]));
    const keptCharge = refundedCharge === first.chargeId ? second.chargeId : first.chargeId;
    expect(statusOf.get(refundedCharge)).toBe("refunded");
    expect(statusOf.get(keptCharge)).toBe("captured");
    // Stars have no payment provider's charge id: none is stored.
    expect(payments.map((p) => p.providerChargeId)).toEqual([null, null]);
    await vi.waitFor(async () => expect(await orderStatus(shop!, orderId)).toBe("delivered"), { timeout: 5_000, interval: 20 });
    expect(await shop.sandbox.orders()).toHaveLength(1);
  });
});

describe("a traveller who blocked the bot", () => {
  // Bug: a 403 in the notification sender no longer marks the user blocked (only my_chat_member did).
  it("is found out by the 403 alone, without my_chat_member: marked, and not written to again", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const { iccid } = await buyEsim(shop, user);
    user.blockSilently();

    await shop.sandbox.activate(iccid);
    await shop.app.tickLifecycle();
    const prisma = shop.database.db.prisma;
    await vi.waitFor(async () => expect((await prisma.user.findUniqueOrThrow({ where: { id: BigInt(user.id) } })).blockedAt).toBeInstanceOf(Date), {
      timeout: 5_000,
      interval: 20,
    });

    // Running low now: the shop does not try to write to them at all.
    const before = sendsTo(shop, user.id);
    await shop.sandbox.usage(iccid, 1000);
    await shop.app.tickLifecycle();
    expect(sendsTo(shop, user.id)).toBe(before);
    expect(countMessages(user, "running low")).toBe(0);
  });

  // Bug: a buyer who blocked the bot between paying and delivery is retried forever.
  it("between paying and delivery keeps the eSIM: the order is delivered once, not retried", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    const orderId = invoice.invoice!.payload;
    // The first order fails in passing, so the buyer has time to block the bot before the eSIM is sent.
    await shop.sandbox.faults({ orders: { fail_next: 1, status: 503 } });
    expect((await user.pay()).ok).toBe(true);
    await user.waitForMessage("Payment received", { timeoutMs: 10_000 });
    user.blockSilently();

    const prisma = shop.database.db.prisma;
    await vi.waitFor(async () => expect(await orderStatus(shop!, orderId)).toBe("delivered"), { timeout: 10_000, interval: 20 });
    await vi.waitFor(async () => expect(await prisma.fulfilmentJob.count({ where: { status: { not: "done" } } })).toBe(0), { timeout: 5_000, interval: 20 });
    expect(shop.emulator.callsTo("sendPhoto").filter((call) => call.params.chat_id === user.id)).toHaveLength(1);
    expect(await shop.sandbox.orders()).toHaveLength(1);
    expect(shop.emulator.callsTo("refundStarPayment")).toEqual([]);
  });
});

describe("text the user typed, shown back in HTML messages", () => {
  // Bug: a first name or search text put into an HTML message unescaped.
  it("shows <, > and & in a first name and in a search exactly as typed", async () => {
    shop = await startShop();
    const user = shop.emulator.user({ first_name: "<Tom> &amp; Jerry" });
    user.send("/start");
    const greeting = await user.waitForMessage("Hi,");
    expect(greeting.content).toContain("👋 Hi, <Tom> &amp; Jerry!");

    user.send("<b>Atlantis</b> & co");
    const none = await user.waitForMessage("I couldn't find");
    expect(none.content).toContain("I couldn't find “<b>Atlantis</b> & co”");
  });
});

describe("low data after a top-up", () => {
  // Bug: the low-data period does not restart after a top-up, so the second crossing is never announced.
  it("a top-up starts a new period: crossing below 20 % again is announced again", async () => {
    shop = await startShop({ env: { BALANCE_CACHE_SECONDS: "0" } });
    const user = shop.emulator.user();
    const { iccid } = await buyEsim(shop, user);
    await shop.sandbox.activate(iccid);
    await shop.sandbox.usage(iccid, 870); // 154 MB of 1 GB left
    await shop.app.tickLifecycle();
    await user.waitForMessage("running low");

    user.press("➕ Top up");
    const options = await user.waitForMessage("Choose what to add");
    user.press(buttonStartingWith(options, "+1 GB"));
    expect((await user.pay(await user.waitForInvoice())).ok).toBe(true);
    await user.waitForMessage("Top-up added", { timeoutMs: 10_000 });
    await shop.app.tickLifecycle();
    expect(countMessages(user, "running low")).toBe(1);

    await shop.sandbox.usage(iccid, 1800); // 248 MB of 2 GB left: below 20 % again
    await shop.app.tickLifecycle();
    const second = await user.waitForMessage("running low");
    expect(second.content).toContain("248 MB of 2 GB left");
    await shop.app.tickLifecycle();
    expect(countMessages(user, "running low")).toBe(2);
  });
});
