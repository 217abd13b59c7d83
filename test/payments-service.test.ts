/**
 * The payments service on its own: real repositories on SQLite, fakes for
 * Telegram (what the payer is told, refunds, operator alerts) and for the
 * fulfilment worker. Each outcome of a payment, and each pre-checkout answer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PricedPlan } from "../src/services/catalog.ts";
import { PaymentsService, type PaymentOutcome, type SuccessfulPayment } from "../src/services/payments.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const JAPAN: PricedPlan = {
  id: "jp-1gb-7d",
  name: "Japan 1 GB · 7 days",
  destination: { kind: "country", code: "JP" },
  coverage: ["JP"],
  dataMb: 1024,
  validityDays: 7,
  costUsdCents: 450,
  price: 500,
  currency: "XTR",
};
const DEADLINE_MS = 30 * 60_000;

let world: ServiceWorld;
let plans: Map<string, PricedPlan>;
let payments: PaymentsService;

beforeEach(async () => {
  world = await createServiceWorld();
  plans = new Map([[JAPAN.id, JAPAN]]);
  payments = new PaymentsService({
    orders: world.orders,
    esims: world.esims,
    catalog: { plan: (id) => plans.get(id) },
    refunds: world.refunds,
    notifier: world.notifier,
    operator: world.operator,
    fulfilment: world.worker,
    log: world.log,
    now: world.now,
    fulfilmentDeadlineMs: DEADLINE_MS,
  });
});
afterEach(() => world.close());

/** A successful_payment for `orderId` as Telegram reports it. */
function paid(orderId: string, chargeId: string, overrides: Partial<SuccessfulPayment> = {}): SuccessfulPayment {
  return { orderId, userId: BUYER, telegramChargeId: chargeId, providerChargeId: null, currency: "XTR", amount: 500, language: "en", ...overrides };
}

/** Takes a payment, recording what the payer is told in the event log. */
function take(payment: SuccessfulPayment): Promise<PaymentOutcome> {
  return payments.takePayment(payment, async (outcome) => void world.events.push(`tell-payer ${outcome.kind}`));
}

describe("a successful payment", () => {
  it("is recorded with the order paid and a job due now, then the payer is told, then fulfilment wakes", async () => {
    const order = await world.newOrder();
    const outcome = await take(paid(order.id, "ch_1"));

    expect(outcome).toMatchObject({ kind: "recorded", order: { id: order.id, status: "paid" } });
    expect(world.events).toEqual(["tell-payer recorded", "kick"]);
    expect((await world.orders.find(order.id))?.status).toBe("paid");
    expect(await world.orders.capturedPayment(order.id)).toMatchObject({ telegramChargeId: "ch_1", status: "captured", amount: 500 });
    const [job] = await world.jobs.claimDue(world.now(), 60_000, 10);
    expect(job).toMatchObject({ orderId: order.id, attempts: 0, deadlineAt: new Date(world.now().getTime() + DEADLINE_MS) });
  });

  it("wakes fulfilment even when the payer cannot be told", async () => {
    const order = await world.newOrder();
    const failing = payments.takePayment(paid(order.id, "ch_1"), async () => {
      throw new Error("Forbidden: bot was blocked by the user");
    });
    await expect(failing).rejects.toThrow("blocked");
    expect(world.events).toEqual(["kick"]);
    expect((await world.orders.find(order.id))?.status).toBe("paid");
  });

  it("the same update again changes nothing and starts nothing", async () => {
    const order = await world.newOrder();
    await take(paid(order.id, "ch_1"));
    world.events.length = 0;

    expect(await take(paid(order.id, "ch_1"))).toEqual({ kind: "already-recorded" });
    expect(world.events).toEqual(["tell-payer already-recorded"]);
    expect(await world.database.db.prisma.payment.count()).toBe(1);
    expect(await world.database.db.prisma.fulfilmentJob.count()).toBe(1);
  });
});

describe("a second payment of a paid order", () => {
  it("in Stars is refunded and the buyer told; the order is fulfilled once", async () => {
    const order = await world.newOrder();
    await take(paid(order.id, "ch_1"));
    world.events.length = 0;

    expect(await take(paid(order.id, "ch_2"))).toEqual({ kind: "duplicate-payment", refunded: true });
    expect(world.events).toEqual([`refund ${BUYER} ch_2`, `tell-duplicate ${order.id} ch_2 automatic`, "tell-payer duplicate-payment"]);
    const second = await world.database.db.prisma.payment.findUniqueOrThrow({ where: { telegramChargeId: "ch_2" } });
    expect(second.status).toBe("refunded");
    expect(await world.database.db.prisma.fulfilmentJob.count()).toBe(1);
  });

  it("in Stars, when the refund fails, goes to the operator and the buyer is told so", async () => {
    const order = await world.newOrder();
    await take(paid(order.id, "ch_1"));
    world.events.length = 0;
    world.refunds.failures = 1;

    expect(await take(paid(order.id, "ch_2"))).toEqual({ kind: "duplicate-payment", refunded: false });
    expect(world.events).toEqual([
      `operator-refund ${order.id} ch_2 (a second payment for an order that was already paid)`,
      `tell-duplicate ${order.id} ch_2 manual`,
      "tell-payer duplicate-payment",
    ]);
    const second = await world.database.db.prisma.payment.findUniqueOrThrow({ where: { telegramChargeId: "ch_2" } });
    expect(second.status).toBe("refund_pending");
  });

  it("by card goes to the operator, never to refundStarPayment", async () => {
    plans.set(JAPAN.id, { ...JAPAN, currency: "EUR", price: 569 });
    const order = await world.newOrder({ currency: "EUR", amount: 569 });
    await take(paid(order.id, "ch_1", { currency: "EUR", amount: 569, providerChargeId: "pc_1" }));
    world.events.length = 0;

    expect(await take(paid(order.id, "ch_2", { currency: "EUR", amount: 569, providerChargeId: "pc_2" }))).toEqual({
      kind: "duplicate-payment",
      refunded: false,
    });
    expect(world.events).toEqual([
      `operator-refund ${order.id} ch_2 (a second payment for an order that was already paid)`,
      `tell-duplicate ${order.id} ch_2 manual`,
      "tell-payer duplicate-payment",
    ]);
  });
});

describe("a payment for no order of ours", () => {
  it("in Stars is refunded, the payer told, then the operator", async () => {
    expect(await take(paid("ord_forged", "ch_9", { amount: 700 }))).toEqual({ kind: "unknown-order", refunded: true });
    expect(world.events).toEqual([`refund ${BUYER} ch_9`, "tell-payer unknown-order", `operator-unknown ord_forged ${BUYER} 700 ⭐ ch_9`]);
    expect(await world.database.db.prisma.payment.count()).toBe(0);
  });

  it("by card is not refunded by the bot: the payer is told the team will, and the operator gets the price as the payer saw it", async () => {
    const outcome = await take(paid("ord_forged", "ch_9", { currency: "EUR", amount: 1234, language: "es" }));
    expect(outcome).toEqual({ kind: "unknown-order", refunded: false });
    expect(world.events).toEqual(["tell-payer unknown-order", `operator-unknown ord_forged ${BUYER} 12,34\u00a0€ ch_9`]);
  });

  it("tells the operator even when the payer cannot be told", async () => {
    const failing = payments.takePayment(paid("ord_forged", "ch_9", { currency: "EUR", amount: 1234 }), async () => {
      throw new Error("Forbidden: bot was blocked by the user");
    });
    await expect(failing).rejects.toThrow("blocked");
    expect(world.events).toEqual([`operator-unknown ord_forged ${BUYER} €12.34 ch_9`]);
  });
});

describe("pre-checkout", () => {
  const query = (orderId: string, overrides: Partial<{ userId: number; currency: string; totalAmount: number }> = {}) => ({
    orderId,
    userId: BUYER,
    currency: "XTR",
    totalAmount: 500,
    ...overrides,
  });

  it("accepts the buyer's unpaid order at its price", async () => {
    const order = await world.newOrder();
    expect(await payments.checkPreCheckout(query(order.id))).toMatchObject({ ok: true, order: { id: order.id } });
  });

  it("refuses an unknown order, someone else's, a paid one", async () => {
    const order = await world.newOrder();
    expect(await payments.checkPreCheckout(query("ord_nope"))).toEqual({ ok: false, reason: "unknown-order" });
    expect(await payments.checkPreCheckout(query(order.id, { userId: 1 }))).toEqual({ ok: false, reason: "wrong-user" });
    await take(paid(order.id, "ch_1"));
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "already-paid" });
  });

  it("refuses a plan no longer sold, a changed price, another amount, and an invoice older than a day", async () => {
    const order = await world.newOrder();
    plans.set(JAPAN.id, { ...JAPAN, price: 550 });
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "price-changed" });
    plans.set(JAPAN.id, JAPAN);
    expect(await payments.checkPreCheckout(query(order.id, { totalAmount: 1 }))).toEqual({ ok: false, reason: "price-changed" });
    world.advance(24 * 60 * 60_000 + 60_000);
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "price-changed" });
    plans.clear();
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "not-sold" });
  });

  it("refuses a top-up of an eSIM that expired since the invoice", async () => {
    const first = await world.newOrder();
    const esim = await world.esims.createFromProvider(first, {
      providerOrderId: "up_1", externalOrderId: first.id, iccid: "8900000000000000001", smdpAddress: "rsp.example",
      matchingId: "M", status: "active", dataMb: 1024, validityDays: 7,
    });
    const topUp = await world.newOrder({ topUpEsimId: esim.id });
    expect(await payments.checkPreCheckout(query(topUp.id))).toMatchObject({ ok: true });
    await world.database.db.prisma.esim.update({ where: { id: esim.id }, data: { status: "expired" } });
    expect(await payments.checkPreCheckout(query(topUp.id))).toEqual({ ok: false, reason: "esim-expired" });
  });
});
