/**
 * The payments service on its own: real repositories on SQLite, fakes for
 * Telegram (what the payer is told, operator alerts) and for the workers.
 * Each outcome of a payment (refunds are recorded intents the refund worker
 * carries out), and each pre-checkout answer.
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
    notifier: world.notifier,
    operator: world.operator,
    fulfilment: world.worker,
    refundWorker: world.refundWorker,
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

  it("pays an order that expired after its pre-checkout passed: the money was taken for exactly this order", async () => {
    const order = await world.newOrder();
    await world.database.db.prisma.order.update({ where: { id: order.id }, data: { status: "expired" } });
    expect(await take(paid(order.id, "ch_1"))).toMatchObject({ kind: "recorded", order: { status: "paid" } });
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

/** The refund intent of a charge, with its payment. */
async function refundOf(chargeId: string) {
  return world.database.db.prisma.payment.findUniqueOrThrow({ where: { telegramChargeId: chargeId }, include: { refund: true } });
}

describe("a second payment of a paid order", () => {
  it("in Stars records a refund intent and wakes the refund worker; the order is fulfilled once", async () => {
    const order = await world.newOrder();
    await take(paid(order.id, "ch_1"));
    world.events.length = 0;

    expect(await take(paid(order.id, "ch_2"))).toEqual({ kind: "duplicate-payment", automatic: true });
    expect(world.events).toEqual(["kick-refunds", "tell-payer duplicate-payment"]);
    const second = await refundOf("ch_2");
    expect(second).toMatchObject({ status: "duplicate", orderId: order.id, refund: { status: "pending", orderId: null, chargeId: "ch_2", amount: 500 } });
    expect(await world.database.db.prisma.fulfilmentJob.count()).toBe(1);
    expect((await world.orders.find(order.id))?.status).toBe("paid");
  });

  it("by card goes to the operator with a manual refund, and the buyer is told so", async () => {
    plans.set(JAPAN.id, { ...JAPAN, currency: "EUR", price: 569 });
    const order = await world.newOrder({ currency: "EUR", amount: 569 });
    await take(paid(order.id, "ch_1", { currency: "EUR", amount: 569, providerChargeId: "pc_1" }));
    world.events.length = 0;

    expect(await take(paid(order.id, "ch_2", { currency: "EUR", amount: 569, providerChargeId: "pc_2" }))).toEqual({
      kind: "duplicate-payment",
      automatic: false,
    });
    expect(world.events).toEqual([
      `operator-refund ${order.id} ch_2 (a second payment for an order that was already paid)`,
      `tell-duplicate ${order.id} ch_2 manual`,
      "tell-payer duplicate-payment",
    ]);
    expect(await refundOf("ch_2")).toMatchObject({ status: "needs_operator", refund: { status: "manual" } });
  });
});

describe("a payment for no order of ours", () => {
  it("in Stars is recorded as stray with a refund intent: the payer told, the refund worker woken, the operator told", async () => {
    expect(await take(paid("ord_forged", "ch_9", { amount: 700 }))).toEqual({ kind: "unmatched", cause: "stray", automatic: true });
    expect(world.events).toEqual([
      "tell-payer unmatched",
      "kick-refunds",
      `operator-unmatched ord_forged ${BUYER} 700 ⭐ ch_9 automatic (the payment names no order of ours)`,
    ]);
    expect(await refundOf("ch_9")).toMatchObject({ status: "stray", orderId: null, refund: { status: "pending", amount: 700 } });
  });

  it("by card is not refunded by the bot: the operator gets it with the price as the payer saw it", async () => {
    const outcome = await take(paid("ord_forged", "ch_9", { currency: "EUR", amount: 1234, language: "es" }));
    expect(outcome).toEqual({ kind: "unmatched", cause: "stray", automatic: false });
    expect(world.events).toEqual(["tell-payer unmatched", `operator-unmatched ord_forged ${BUYER} 12,34\u00a0€ ch_9 manual (the payment names no order of ours)`]);
    expect(await refundOf("ch_9")).toMatchObject({ status: "needs_operator", refund: { status: "manual" } });
  });

  it("tells the operator even when the payer cannot be told", async () => {
    const failing = payments.takePayment(paid("ord_forged", "ch_9", { currency: "EUR", amount: 1234 }), async () => {
      throw new Error("Forbidden: bot was blocked by the user");
    });
    await expect(failing).rejects.toThrow("blocked");
    expect(world.events).toEqual([`operator-unmatched ord_forged ${BUYER} €12.34 ch_9 manual (the payment names no order of ours)`]);
  });

  it("records a payer the shop has never seen", async () => {
    await take(paid("ord_forged", "ch_9", { userId: 777 }));
    expect(await world.database.db.prisma.user.findUnique({ where: { id: 777n } })).toMatchObject({ firstName: "" });
  });
});

describe("the second check: a payment that does not match its order", () => {
  it.each([
    ["another currency", { currency: "EUR" }, "currency EUR instead of XTR"],
    ["another amount", { amount: 1 }, "amount 1 instead of 500"],
    ["another payer", { userId: 999 }, `paid by user 999, ordered by user ${BUYER}`],
  ] as const)("with %s is not fulfilled: recorded as a mismatch with a refund intent", async (_, forged, reason) => {
    const order = await world.newOrder();
    const outcome = await take(paid(order.id, "ch_1", forged));
    expect(outcome).toMatchObject({ kind: "unmatched", cause: "mismatch" });
    expect(world.events).not.toContain("kick");
    expect(world.events.at(-1)).toContain(`(the payment does not match its order: ${reason})`);
    expect((await world.orders.find(order.id))?.status).toBe("awaiting_payment");
    expect(await world.database.db.prisma.fulfilmentJob.count()).toBe(0);
    expect(await refundOf("ch_1")).toMatchObject({ status: "currency" in forged ? "needs_operator" : "mismatch", orderId: order.id });

    // The real payment still pays the order.
    expect(await take(paid(order.id, "ch_2"))).toMatchObject({ kind: "recorded" });
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
    // Still "already paid" a day later, not "expired": the buyer is told their eSIM is on its way.
    world.advance(24 * 60 * 60_000 + 60_000);
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "already-paid" });
  });

  it("refuses a plan no longer sold, a changed price, another amount, and an invoice older than a day", async () => {
    const order = await world.newOrder();
    plans.set(JAPAN.id, { ...JAPAN, price: 550 });
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "price-changed" });
    plans.set(JAPAN.id, JAPAN);
    expect(await payments.checkPreCheckout(query(order.id, { totalAmount: 1 }))).toEqual({ ok: false, reason: "price-changed" });
    plans.clear();
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "not-sold" });
    plans.set(JAPAN.id, JAPAN);
    world.advance(24 * 60 * 60_000 + 60_000);
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses an invoice whose currency is not the plan's any more, or a query in another currency", async () => {
    const order = await world.newOrder();
    // The operator switched from Stars to card payments: the same number is now euro cents.
    plans.set(JAPAN.id, { ...JAPAN, currency: "EUR" });
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "price-changed" });
    plans.set(JAPAN.id, JAPAN);
    expect(await payments.checkPreCheckout(query(order.id, { currency: "EUR" }))).toEqual({ ok: false, reason: "price-changed" });
  });

  it("accepts an invoice until the very end of its day: exactly 24 hours old still pays, a millisecond later not", async () => {
    const order = await world.newOrder();
    // The database stamps createdAt itself: move the clock to exactly a day after it.
    world.advance(order.createdAt.getTime() + 24 * 60 * 60_000 - world.now().getTime());
    expect(await payments.checkPreCheckout(query(order.id))).toMatchObject({ ok: true });
    world.advance(1);
    expect(await payments.checkPreCheckout(query(order.id))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses the invoice of an expired order: the oldest beyond five open ones, or a day old after the sweep", async () => {
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await world.newOrder());
    expect(await payments.checkPreCheckout(query(orders[0]!.id))).toEqual({ ok: false, reason: "expired" });
    for (const order of orders.slice(1)) expect(await payments.checkPreCheckout(query(order.id))).toMatchObject({ ok: true });
    expect((await world.orders.find(orders[0]!.id))?.status).toBe("expired");

    world.advance(24 * 60 * 60_000 + 60_000);
    expect(await world.orders.expireUnpaid()).toBe(5);
    expect(await payments.checkPreCheckout(query(orders[5]!.id))).toEqual({ ok: false, reason: "expired" });
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
