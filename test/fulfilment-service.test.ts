/**
 * The fulfilment service on its own: real repositories on SQLite, a fake
 * provider that can fail or lose answers, fakes for Telegram. A paid order
 * ends delivered or refunded, orders upstream at most once, and tells the
 * buyer either way.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewOrder } from "../src/db/orders-repository.ts";
import type { Order } from "../src/domain/order.ts";
import { ProviderRejectedError, ProviderUnavailableError } from "../src/providers/errors.ts";
import { FulfilmentService } from "../src/services/fulfilment.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const FIRST_RETRY_MS = 1_000;
const DEADLINE_MS = 30 * 60_000;

let world: ServiceWorld;
let fulfilment: FulfilmentService;

beforeEach(async () => {
  world = await createServiceWorld();
  fulfilment = new FulfilmentService({
    orders: world.orders,
    jobs: world.jobs,
    esims: world.esims,
    provider: world.provider,
    notifier: world.notifier,
    readings: { applyReading: async (esimId, reading) => void world.events.push(`reading ${esimId} ${reading.dataMb}`) },
    operator: world.operator,
    refunds: world.refunds,
    log: world.log,
    now: world.now,
    firstRetryMs: FIRST_RETRY_MS,
  });
});
afterEach(() => world.close());

/** A paid order with its fulfilment job, as the payments service leaves it. */
async function paidOrder(overrides: Partial<NewOrder> = {}): Promise<Order> {
  const order = await world.newOrder(overrides);
  const deadlineAt = new Date(world.now().getTime() + DEADLINE_MS);
  const report = { orderId: order.id, userId: BUYER, telegramChargeId: `ch_${order.id}`, providerChargeId: null, currency: order.currency, amount: order.amount };
  const result = await world.orders.recordPayment(report, { deadlineAt });
  if (result.kind !== "recorded") throw new Error(`payment not recorded: ${result.kind}`);
  return result.order;
}

async function statusOf(orderId: string) {
  const order = await world.database.db.prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: true, job: true } });
  return { order: order.status, payment: order.payments[0]?.status, job: order.job?.status };
}

/** Runs what is due now, then moves the clock past the next retry. */
async function runAndWait(ms = FIRST_RETRY_MS * 60): Promise<number> {
  const ran = await fulfilment.runDue();
  world.advance(ms);
  return ran;
}

describe("fulfilment", () => {
  it("orders upstream with our order id, delivers, and settles the order", async () => {
    const order = await paidOrder();
    expect(await fulfilment.runDue()).toBe(1);
    const iccid = world.provider.orders.get(order.id)!.iccid;
    expect(world.events).toEqual([`place-order ${order.id}`, `deliver ${order.id} ${iccid}`]);
    expect(await statusOf(order.id)).toEqual({ order: "delivered", payment: "captured", job: "done" });
    expect(await fulfilment.runDue()).toBe(0);
  });

  it("after an attempt whose outcome is unknown, looks the order up before ordering again", async () => {
    const order = await paidOrder();
    world.provider.script.push("lost");
    await runAndWait();
    expect(world.events).toEqual([`place-order ${order.id}`, `tell-preparing ${order.id}`]);

    await fulfilment.runDue();
    const iccid = world.provider.orders.get(order.id)!.iccid;
    expect(world.events.slice(2)).toEqual([`look-up ${order.id}`, `deliver ${order.id} ${iccid}`]);
    expect(world.provider.orders.size).toBe(1);
    expect(await statusOf(order.id)).toEqual({ order: "delivered", payment: "captured", job: "done" });
  });

  it("retries passing failures with backoff and tells the buyer once that the eSIM is being prepared", async () => {
    const order = await paidOrder();
    const outage = () => new ProviderUnavailableError("HTTP 503", 503);
    world.provider.script.push(outage(), outage());
    await runAndWait();
    await runAndWait();
    await fulfilment.runDue();
    const tellings = world.events.filter((event) => event.startsWith("tell-preparing"));
    expect(tellings).toEqual([`tell-preparing ${order.id}`]);
    expect(world.events.filter((event) => event.startsWith("deliver"))).toHaveLength(1);
    const job = await world.database.db.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(job).toMatchObject({ status: "done", attempts: 2 });
  });

  it("waits out the backoff: a failed job is not run again before its retry time", async () => {
    await paidOrder();
    world.provider.script.push(new ProviderUnavailableError("HTTP 503", 503));
    expect(await fulfilment.runDue()).toBe(1);
    world.advance(FIRST_RETRY_MS - 1);
    expect(await fulfilment.runDue()).toBe(0);
    world.advance(1);
    expect(await fulfilment.runDue()).toBe(1);
  });

  it("at the deadline refunds the Stars without ordering again, and tells the buyer", async () => {
    const order = await paidOrder();
    for (let i = 0; i < 100; i++) world.provider.script.push(new ProviderUnavailableError("HTTP 503", 503));
    await runAndWait();
    world.advance(DEADLINE_MS);
    world.events.length = 0;

    await fulfilment.runDue();
    expect(world.events).toEqual([`look-up ${order.id}`, `refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await statusOf(order.id)).toEqual({ order: "refunded", payment: "refunded", job: "failed" });
  });

  it("at the deadline delivers an order that did go through after all", async () => {
    const order = await paidOrder();
    world.provider.script.push("lost");
    await runAndWait(DEADLINE_MS);
    world.events.length = 0;
    await fulfilment.runDue();
    const iccid = world.provider.orders.get(order.id)!.iccid;
    expect(world.events).toEqual([`look-up ${order.id}`, `deliver ${order.id} ${iccid}`]);
    expect(await statusOf(order.id)).toEqual({ order: "delivered", payment: "captured", job: "done" });
  });

  it("a definitive refusal refunds at once (after a last look-up)", async () => {
    const order = await paidOrder();
    world.provider.script.push(new ProviderRejectedError("plan no longer sold", 422));
    await fulfilment.runDue();
    expect(world.events).toEqual([`place-order ${order.id}`, `look-up ${order.id}`, `refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await statusOf(order.id)).toEqual({ order: "refunded", payment: "refunded", job: "failed" });
  });

  it("a card payment that cannot be fulfilled goes to the operator, and the buyer is told", async () => {
    const order = await paidOrder({ currency: "EUR", amount: 569 });
    world.provider.script.push(new ProviderRejectedError("plan no longer sold", 422));
    await fulfilment.runDue();
    expect(world.events).toEqual([
      `place-order ${order.id}`,
      `look-up ${order.id}`,
      `operator-refund ${order.id} ch_${order.id} (plan no longer sold)`,
      `tell-refunded ${order.id} manual`,
    ]);
    expect(await statusOf(order.id)).toEqual({ order: "refund_pending", payment: "refund_pending", job: "failed" });
  });

  it("a Stars refund that fails is tried again later", async () => {
    const order = await paidOrder();
    const refusal = () => new ProviderRejectedError("plan no longer sold", 422);
    world.provider.script.push(refusal(), refusal());
    world.refunds.failures = 1;
    await runAndWait();
    expect(world.events.filter((event) => event.startsWith("refund") || event.startsWith("tell"))).toEqual([]);
    expect(await statusOf(order.id)).toEqual({ order: "paid", payment: "captured", job: "pending" });

    // The retry is a whole attempt (refund intents will change that): still refused, so refunded now.
    await fulfilment.runDue();
    expect(world.events.slice(-2)).toEqual([`refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await statusOf(order.id)).toEqual({ order: "refunded", payment: "refunded", job: "failed" });
  });

  it("a buyer who blocked the bot keeps the eSIM: the order is delivered, not retried", async () => {
    const order = await paidOrder();
    world.notifier.unreachable = true;
    await runAndWait();
    expect(await statusOf(order.id)).toEqual({ order: "delivered", payment: "captured", job: "done" });
    expect(await world.esims.findByOrder(order.id)).toMatchObject({ userId: BUYER, iccid: world.provider.orders.get(order.id)!.iccid });
    expect(await fulfilment.runDue()).toBe(0);
  });

  it("a send that fails for a while is retried without ordering again", async () => {
    const order = await paidOrder();
    world.notifier.failures = 1;
    await runAndWait();
    expect(await statusOf(order.id)).toMatchObject({ order: "paid", job: "pending" });
    await fulfilment.runDue();
    expect(world.events.filter((event) => event.startsWith("place-order"))).toHaveLength(1);
    expect(world.events.filter((event) => event.startsWith("deliver"))).toHaveLength(1);
    expect(await statusOf(order.id)).toEqual({ order: "delivered", payment: "captured", job: "done" });
  });
});

describe("top-ups", () => {
  async function esimWithTopUp(): Promise<{ esimId: string; topUp: Order }> {
    const first = await paidOrder();
    await fulfilment.runDue();
    const esim = await world.esims.findByOrder(first.id);
    const topUp = await paidOrder({ topUpEsimId: esim!.id });
    world.events.length = 0;
    return { esimId: esim!.id, topUp };
  }

  it("tops up with our order id, records the new balance, confirms", async () => {
    const { esimId, topUp } = await esimWithTopUp();
    await fulfilment.runDue();
    expect(world.events).toEqual([`top-up ${topUp.id}`, `reading ${esimId} 2048`, `confirm-top-up ${topUp.id} 1024`]);
    expect(await statusOf(topUp.id)).toEqual({ order: "delivered", payment: "captured", job: "done" });
  });

  it("after an unknown outcome calls the idempotent top-up again, once applied", async () => {
    const { topUp } = await esimWithTopUp();
    world.provider.script.push("lost");
    await runAndWait();
    await fulfilment.runDue();
    expect(world.events.filter((event) => event.startsWith("top-up"))).toEqual([`top-up ${topUp.id}`, `top-up ${topUp.id}`]);
    expect(world.provider.topUps.size).toBe(1);
    expect(await statusOf(topUp.id)).toEqual({ order: "delivered", payment: "captured", job: "done" });
  });

  it("a refused top-up is refunded and the eSIM left as it was", async () => {
    const { topUp } = await esimWithTopUp();
    world.provider.script.push(new ProviderRejectedError("eSIM expired", 409));
    await fulfilment.runDue();
    expect(world.events).toEqual([`top-up ${topUp.id}`, `refund ${BUYER} ch_${topUp.id}`, `tell-refunded ${topUp.id} automatic`]);
    expect(world.provider.topUps.size).toBe(0);
    expect(await statusOf(topUp.id)).toEqual({ order: "refunded", payment: "refunded", job: "failed" });
  });
});
