/**
 * The refund worker on its own (real repositories, on SQLite and
 * PostgreSQL; fakes of Telegram): a recorded intent is carried out once,
 * survives a lost answer or a failed recording, and ends with the payment
 * and its order refunded and the buyer told once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Order } from "../src/domain/order.ts";
import { RefundService } from "../src/services/refunds.ts";
import { DATABASES } from "./support/databases.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const FIRST_RETRY_MS = 1_000;
const GIVE_UP_MS = 48 * 60 * 60_000;

describe.each(DATABASES)("refunds on %s", (kind) => {
  let world: ServiceWorld;
  let refunds: RefundService;

  beforeEach(async () => {
    world = await createServiceWorld(kind);
    refunds = worker();
  });
  afterEach(() => world.close());

  function worker(): RefundService {
    return new RefundService({
      refunds: world.refundsRepository,
      telegram: world.refunds,
      notifier: world.notifier,
      operator: world.operator,
      log: world.log,
      now: world.now,
      firstRetryMs: FIRST_RETRY_MS,
      giveUpAfterMs: GIVE_UP_MS,
    });
  }

  /** A paid order whose fulfilment gave up: the refund intent recorded as fulfilment records it. */
  async function orderToRefund(currency = "XTR"): Promise<Order> {
    const order = await world.newOrder({ currency, amount: 500 });
    const report = { orderId: order.id, userId: BUYER, telegramChargeId: `ch_${order.id}`, providerChargeId: null, currency, amount: 500 };
    const recorded = await world.orders.recordPayment(report, { deadlineAt: world.now() });
    if (recorded.kind !== "recorded") throw new Error(recorded.kind);
    const refund = await world.refundsRepository.decideForOrder(recorded.order, recorded.payment, "the provider refused the order");
    if (!refund) throw new Error("no refund decided");
    return recorded.order;
  }

  async function statusOf(orderId: string) {
    const order = await world.database.db.prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: true, refunds: true, job: true } });
    return { order: order.status, payment: order.payments[0]?.status, refund: order.refunds[0]?.status, job: order.job?.status };
  }

  const refundRow = (orderId: string) => world.database.db.prisma.refund.findFirstOrThrow({ where: { orderId } });

  it("carries out a decided refund: Telegram first, then the intent done, the payment and the order refunded, the buyer told", async () => {
    const order = await orderToRefund();
    expect(await statusOf(order.id)).toEqual({ order: "refunding", payment: "captured", refund: "pending", job: "failed" });
    expect(await refunds.runDue()).toBe(1);
    expect(world.events).toEqual([`refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await statusOf(order.id)).toEqual({ order: "refunded", payment: "refunded", refund: "done", job: "failed" });
    expect((await world.orders.find(order.id))?.refundedAt).not.toBeNull();
    expect(await refunds.runDue()).toBe(0);
  });

  it("Telegram refunded but answered with an error: the retry hears CHARGE_ALREADY_REFUNDED and finishes; refunded once, told once", async () => {
    const order = await orderToRefund();
    world.refunds.script.push("lost");
    await refunds.runDue();
    expect(await statusOf(order.id)).toMatchObject({ order: "refunding", refund: "pending" });
    world.advance(FIRST_RETRY_MS);
    await refunds.runDue();
    expect(world.events).toEqual([`refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await statusOf(order.id)).toMatchObject({ order: "refunded", payment: "refunded", refund: "done" });
  });

  it("a database error after the refund call: the intent stays, the retry finishes it, and the order is never paid again", async () => {
    const order = await orderToRefund();
    const complete = world.refundsRepository.complete.bind(world.refundsRepository);
    let failures = 1;
    world.refundsRepository.complete = async (id) => {
      if (failures-- > 0) throw new Error("the database went away");
      return complete(id);
    };
    await refunds.runDue();
    expect(await statusOf(order.id)).toMatchObject({ order: "refunding", refund: "pending" });
    world.advance(FIRST_RETRY_MS);
    await refunds.runDue();
    expect(world.events).toEqual([`refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await statusOf(order.id)).toMatchObject({ order: "refunded", refund: "done" });
  });

  it("waits out the backoff after a passing failure", async () => {
    await orderToRefund();
    world.refunds.script.push("down");
    expect(await refunds.runDue()).toBe(1);
    world.advance(FIRST_RETRY_MS - 1);
    expect(await refunds.runDue()).toBe(0);
    world.advance(1);
    expect(await refunds.runDue()).toBe(1);
  });

  it("passing failures back off 1 s, 2 s, 4 s, each attempt counted and its error kept for the operator", async () => {
    const order = await orderToRefund();
    world.refunds.script.push("down", "down", "down");
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await refunds.runDue();
      const wait = (await refundRow(order.id)).nextAttemptAt.getTime() - world.now().getTime();
      waits.push(wait);
      world.advance(wait);
    }
    expect(waits).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS]);
    expect(await refundRow(order.id)).toMatchObject({ status: "pending", attempts: 3, lastError: "refundStarPayment: Telegram is down" });
    await refunds.runDue();
    expect(await statusOf(order.id)).toMatchObject({ order: "refunded", refund: "done" });
  });

  it("a refused refund of a second payment goes to the operator; the buyer, whose order was served, is not told of a refund", async () => {
    const order = await world.newOrder();
    const pay = (chargeId: string) =>
      world.orders.recordPayment({ orderId: order.id, userId: BUYER, telegramChargeId: chargeId, providerChargeId: null, currency: "XTR", amount: 500 }, { deadlineAt: world.now() });
    await pay("ch_1");
    await pay("ch_2");
    world.refunds.script.push("refused");
    await refunds.runDue();
    expect(world.events).toEqual([`operator-refund-failed ch_2 ${order.id} (refundStarPayment: Bad Request: CHARGE_NOT_FOUND)`]);
    expect((await world.orders.find(order.id))?.status).toBe("paid");
  });

  it("a refusal hands the refund and its order to the operator", async () => {
    const order = await orderToRefund();
    world.refunds.script.push("refused");
    await refunds.runDue();
    expect(world.events).toEqual([
      `operator-refund-failed ch_${order.id} ${order.id} (refundStarPayment: Bad Request: CHARGE_NOT_FOUND)`,
      `tell-refunded ${order.id} manual`,
    ]);
    expect(await statusOf(order.id)).toMatchObject({ order: "needs_operator", payment: "needs_operator", refund: "failed" });
    world.advance(GIVE_UP_MS);
    expect(await refunds.runDue()).toBe(0);
  });

  it("a refund that keeps failing in passing goes to the operator after the window", async () => {
    const order = await orderToRefund();
    world.refunds.script.push("down", "down");
    await refunds.runDue();
    world.advance(GIVE_UP_MS);
    await refunds.runDue();
    expect(world.events).toEqual([`operator-refund-failed ch_${order.id} ${order.id} (refundStarPayment: Telegram is down)`, `tell-refunded ${order.id} manual`]);
    expect(await statusOf(order.id)).toMatchObject({ order: "needs_operator", refund: "failed" });
  });

  it("two workers claiming at once refund an intent once", async () => {
    const order = await orderToRefund();
    const [a, b] = await Promise.all([refunds.runDue(), worker().runDue()]);
    expect(a + b).toBe(1);
    expect(world.events.filter((event) => event.startsWith("refund"))).toEqual([`refund ${BUYER} ch_${order.id}`]);
  });

  it("tells the payer of a duplicate or an unmatched payment the matching message", async () => {
    const order = await world.newOrder();
    const pay = (chargeId: string, overrides = {}) =>
      world.orders.recordPayment({ orderId: order.id, userId: BUYER, telegramChargeId: chargeId, providerChargeId: null, currency: "XTR", amount: 500, ...overrides }, { deadlineAt: world.now() });
    await pay("ch_1");
    await pay("ch_2");
    await pay("ch_3", { amount: 499 });
    await pay("ch_4", { orderId: "ord_nope" });
    await refunds.runDue();
    expect(world.events.filter((event) => event.startsWith("tell")).sort()).toEqual([
      `tell-duplicate ${order.id} ch_2 automatic`,
      `tell-unmatched-refunded ch_3 ${order.id}`,
      "tell-unmatched-refunded ch_4 no-order",
    ]);
    expect((await world.orders.find(order.id))?.status).toBe("paid");
  });

  describe("a refund seen in Telegram's ledger", () => {
    it("closes our own intent (the call went through, its recording did not) and tells the buyer", async () => {
      const order = await orderToRefund();
      expect(await refunds.recordObserved(`ch_${order.id}`)).toMatchObject({ kind: "closed-intent" });
      expect(world.events).toEqual([`tell-refunded ${order.id} automatic`]);
      expect(await statusOf(order.id)).toMatchObject({ order: "refunded", payment: "refunded", refund: "done" });
      expect(await refunds.runDue()).toBe(0);
      expect(await refunds.recordObserved(`ch_${order.id}`)).toEqual({ kind: "already-recorded" });
    });

    it("records a refund nobody here decided: the paid order refunded and its job ended, the operator told", async () => {
      const order = await world.newOrder();
      await world.orders.recordPayment(
        { orderId: order.id, userId: BUYER, telegramChargeId: "ch_1", providerChargeId: null, currency: "XTR", amount: 500 },
        { deadlineAt: world.now() },
      );
      expect(await refunds.recordObserved("ch_1")).toMatchObject({ kind: "recorded" });
      expect(world.events).toEqual([`operator-refund-elsewhere ch_1 ${order.id}`]);
      expect(await statusOf(order.id)).toEqual({ order: "refunded", payment: "refunded", refund: "done", job: "failed" });
    });

    it("ignores a charge we never recorded", async () => {
      expect(await refunds.recordObserved("ch_unknown")).toEqual({ kind: "unknown-charge" });
    });
  });
});
