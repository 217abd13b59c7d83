/**
 * The fulfilment service on its own: real repositories on SQLite, a fake
 * provider that can fail, lose answers or fail lookups, fakes for Telegram.
 * A paid order ends delivered, refunded after a definitive "no", or with the
 * operator; it is ordered upstream at most once, never after a refund is
 * decided, and never refunded while its outcome is unknown.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewOrder } from "../src/db/orders-repository.ts";
import type { Order } from "../src/domain/order.ts";
import { ProviderRejectedError, ProviderUnavailableError } from "../src/providers/errors.ts";
import { FulfilmentService, type FulfilmentDeps } from "../src/services/fulfilment.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const FIRST_RETRY_MS = 1_000;
const DEADLINE_MS = 30 * 60_000;
const RECONCILE_RETRY_MS = 10 * 60_000;
const RECONCILE_WINDOW_MS = 48 * 60 * 60_000;

let world: ServiceWorld;
let fulfilment: FulfilmentService;

beforeEach(async () => {
  world = await createServiceWorld();
  fulfilment = new FulfilmentService(fulfilmentDeps());
});
afterEach(() => world.close());

/** The service's dependencies on the test's world. */
function fulfilmentDeps(): FulfilmentDeps {
  return {
    orders: world.orders,
    jobs: world.jobs,
    esims: world.esims,
    refunds: world.refundsRepository,
    provider: world.provider,
    notifier: world.notifier,
    readings: { applyReading: async (esimId, reading) => void world.events.push(`reading ${esimId} ${reading.dataMb}`) },
    operator: world.operator,
    refundWorker: world.refundWorker,
    log: world.log,
    now: world.now,
    firstRetryMs: FIRST_RETRY_MS,
    reconcileRetryMs: RECONCILE_RETRY_MS,
    reconcileWindowMs: RECONCILE_WINDOW_MS,
  };
}

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
  const order = await world.database.db.prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { payments: true, job: true, refunds: true },
  });
  return { order: order.status, payment: order.payments[0]?.status, job: order.job?.status, refund: order.refunds[0]?.status };
}

/** Runs what is due now, then moves the clock past the next retry. */
async function runAndWait(ms = FIRST_RETRY_MS * 60): Promise<number> {
  const ran = await fulfilment.runDue();
  world.advance(ms);
  return ran;
}

/** Fails every upstream order (or top-up) with a 503 from now on. */
function upstreamDown(): void {
  for (let i = 0; i < 200; i++) world.provider.script.push(new ProviderUnavailableError("HTTP 503", 503));
}

/** Runs the attempts before the order's deadline; the clock stops on the deadline, where the job is due. */
async function runUntilDeadline(orderId: string): Promise<void> {
  const { deadlineAt } = await world.database.db.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId } });
  while (world.now() < deadlineAt) {
    await fulfilment.runDue();
    world.advance(Math.min(3 * 60_000, deadlineAt.getTime() - world.now().getTime()));
  }
}

const upstreamCalls = () => world.events.filter((event) => event.startsWith("place-order") || event.startsWith("top-up"));

/** A refund decided between fulfilment's reads of the order: the second read (the one right before the upstream call) finds it refunding. */
function refundingAtSecondRead(): void {
  const find = world.orders.find.bind(world.orders);
  let reads = 0;
  world.orders.find = async (id) => {
    if (++reads === 2) await world.database.db.prisma.order.update({ where: { id }, data: { status: "refunding" } });
    return find(id);
  };
}

describe("fulfilment", () => {
  it("orders upstream with our order id, delivers, and settles the order", async () => {
    const order = await paidOrder();
    expect(await fulfilment.runDue()).toBe(1);
    const iccid = world.provider.orders.get(order.id)!.iccid;
    expect(world.events).toEqual([`place-order ${order.id}`, `deliver ${order.id} ${iccid}`]);
    expect(await statusOf(order.id)).toEqual({ order: "delivered", payment: "captured", job: "done", refund: undefined });
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
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("a crash right after the upstream order (before the eSIM is stored) looks it up instead of ordering again", async () => {
    const order = await paidOrder();
    const store = world.esims.createFromProvider.bind(world.esims);
    let crashes = 1;
    world.esims.createFromProvider = async (...args) => {
      if (crashes-- > 0) throw new Error("the database went away");
      return store(...args);
    };
    await runAndWait();
    await fulfilment.runDue();
    expect(upstreamCalls()).toEqual([`place-order ${order.id}`]);
    expect(world.events).toContain(`look-up ${order.id}`);
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("retries passing failures with backoff and tells the buyer once that the eSIM is being prepared", async () => {
    const order = await paidOrder();
    const outage = () => new ProviderUnavailableError("HTTP 503", 503);
    world.provider.script.push(outage(), outage());
    await runAndWait();
    await runAndWait();
    await fulfilment.runDue();
    expect(world.events.filter((event) => event.startsWith("tell-preparing"))).toEqual([`tell-preparing ${order.id}`]);
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

  it("a definitive refusal with nothing unknown before it decides a refund at once: the intent, the order refunding, the job ended", async () => {
    const order = await paidOrder();
    world.provider.script.push(new ProviderRejectedError("plan no longer sold", 422));
    await fulfilment.runDue();
    expect(world.events).toEqual([`place-order ${order.id}`, "kick-refunds"]);
    expect(await statusOf(order.id)).toEqual({ order: "refunding", payment: "captured", job: "failed", refund: "pending" });
    const refund = await world.refundsRepository.findByPayment((await world.orders.capturedPayment(order.id))!.id);
    expect(refund).toMatchObject({ orderId: order.id, chargeId: `ch_${order.id}`, amount: 500, reason: expect.stringContaining("plan no longer sold") });
  });

  it("a definitive refusal after an unknown outcome refunds only once that request has settled", async () => {
    const order = await paidOrder();
    world.provider.script.push(new ProviderUnavailableError("HTTP 503", 503));
    for (let i = 0; i < 50; i++) world.provider.script.push(new ProviderRejectedError("plan no longer sold", 422));
    await runAndWait(FIRST_RETRY_MS);
    // The 503 may have placed the order: refused since, but refunded only when a lookup still finds nothing 10 minutes on.
    while (world.now().getTime() - order.createdAt.getTime() < RECONCILE_RETRY_MS - 60_000) await runAndWait(60_000);
    expect(await statusOf(order.id)).toMatchObject({ order: "paid", refund: undefined });
    world.advance(2 * 60_000);
    await fulfilment.runDue();
    expect(await statusOf(order.id)).toMatchObject({ order: "refunding", refund: "pending" });
    expect(world.events.filter((event) => event.startsWith("look-up")).length).toBeGreaterThan(2);
  });

  it("a card payment refused upstream goes to the operator with a manual refund, and the buyer is told", async () => {
    const order = await paidOrder({ currency: "EUR", amount: 569 });
    world.provider.script.push(new ProviderRejectedError("plan no longer sold", 422));
    await fulfilment.runDue();
    expect(world.events).toEqual([
      `place-order ${order.id}`,
      `operator-refund ${order.id} ch_${order.id} (the provider refused the order: plan no longer sold)`,
      `tell-refunded ${order.id} manual`,
    ]);
    expect(await statusOf(order.id)).toEqual({ order: "needs_operator", payment: "needs_operator", job: "failed", refund: "manual" });
  });

  it("never orders upstream for an order with a refund intent, even when its job runs again", async () => {
    const order = await paidOrder();
    world.provider.script.push(new ProviderRejectedError("plan no longer sold", 422));
    await fulfilment.runDue();
    // As if the job had been rescheduled by a crash: it is due again, the order is refunding.
    await world.database.db.prisma.fulfilmentJob.update({ where: { orderId: order.id }, data: { status: "pending", runAt: world.now() } });
    world.events.length = 0;
    expect(await fulfilment.runDue()).toBe(1);
    expect(world.events).toEqual([]);
    expect(await statusOf(order.id)).toMatchObject({ order: "refunding", job: "done" });
  });

  it("re-reads the order right before ordering: a refund decided meanwhile stops the upstream call", async () => {
    const order = await paidOrder();
    refundingAtSecondRead();
    await fulfilment.runDue();
    expect(upstreamCalls()).toEqual([]);
    expect(await statusOf(order.id)).toMatchObject({ order: "refunding", job: "done" });
  });

  it("a buyer who blocked the bot keeps the eSIM: the order is delivered, not retried", async () => {
    const order = await paidOrder();
    world.notifier.unreachable = true;
    await runAndWait();
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done" });
    expect(await world.esims.findByOrder(order.id)).toMatchObject({ userId: BUYER, iccid: world.provider.orders.get(order.id)!.iccid });
    expect(await fulfilment.runDue()).toBe(0);
  });

  it("a send that fails for a while is retried without ordering again", async () => {
    const order = await paidOrder();
    world.notifier.failures = 1;
    await runAndWait();
    expect(await statusOf(order.id)).toMatchObject({ order: "paid", job: "pending" });
    await fulfilment.runDue();
    expect(upstreamCalls()).toHaveLength(1);
    expect(world.events.filter((event) => event.startsWith("deliver"))).toHaveLength(1);
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done" });
  });
});

describe("past the deadline: reconciling, never a refund blind", () => {
  it("delivers late an order that went through after all, without ordering again", async () => {
    const order = await paidOrder();
    world.provider.script.push("lost");
    await runAndWait(DEADLINE_MS);
    world.events.length = 0;
    await fulfilment.runDue();
    const iccid = world.provider.orders.get(order.id)!.iccid;
    expect(world.events).toEqual([`look-up ${order.id}`, `deliver ${order.id} ${iccid}`]);
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("refunds only when the provider definitively has no such order and the last unknown request has settled", async () => {
    const order = await paidOrder();
    upstreamDown();
    await runUntilDeadline(order.id);
    expect(await statusOf(order.id)).toMatchObject({ order: "paid", job: "pending" });
    const placed = upstreamCalls().length;
    world.events.length = 0;

    // At the deadline the last request may still be settling: look again later, tell the buyer and the operator once.
    await fulfilment.runDue();
    expect(world.events).toEqual([`look-up ${order.id}`, `tell-reconciling ${order.id}`, `operator-reconciling ${order.id}`]);
    world.advance(RECONCILE_RETRY_MS);
    await fulfilment.runDue();
    expect(world.events.slice(3)).toEqual([`look-up ${order.id}`, "kick-refunds"]);
    expect(upstreamCalls()).toHaveLength(0);
    expect(placed).toBeGreaterThan(1);
    expect(await statusOf(order.id)).toEqual({ order: "refunding", payment: "captured", job: "failed", refund: "pending" });
  });

  it("lookups failing through the deadline: keeps looking on the slow schedule, tells once, delivers late when it turns up", async () => {
    const order = await paidOrder();
    world.provider.script.push("lost");
    world.provider.lookupFailures = 1_000;
    await runUntilDeadline(order.id);
    world.events.length = 0;

    for (let i = 0; i < 5; i++) {
      await fulfilment.runDue();
      world.advance(RECONCILE_RETRY_MS);
    }
    expect(upstreamCalls()).toEqual([]);
    expect(world.events.filter((event) => event.startsWith("tell-reconciling"))).toHaveLength(1);
    expect(world.events.filter((event) => event.startsWith("operator-reconciling"))).toHaveLength(1);
    expect(world.events.filter((event) => event.startsWith("look-up"))).toHaveLength(5);
    expect(await statusOf(order.id)).toMatchObject({ order: "paid", job: "pending", refund: undefined });

    world.provider.lookupFailures = 0;
    await fulfilment.runDue();
    expect(world.events.at(-1)).toBe(`deliver ${order.id} ${world.provider.orders.get(order.id)!.iccid}`);
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done", refund: undefined });
  });

  it("an outcome still unknown at the end of the window goes to the operator, never refunded", async () => {
    const order = await paidOrder();
    world.provider.script.push("lost");
    world.provider.lookupFailures = 100_000;
    await runUntilDeadline(order.id);
    for (let i = 0; i < 3; i++) {
      await fulfilment.runDue();
      world.advance(RECONCILE_WINDOW_MS / 2);
    }
    expect(world.events.filter((event) => event.startsWith("operator-handed-over") || event.startsWith("tell-handed-over"))).toEqual([
      `operator-handed-over ${order.id}`,
      `tell-handed-over ${order.id}`,
    ]);
    expect(await statusOf(order.id)).toEqual({ order: "needs_operator", payment: "captured", job: "failed", refund: undefined });
    expect(world.events).not.toContain("kick-refunds");
  });
});

describe("top-ups", () => {
  async function esimWithTopUp(overrides: Partial<NewOrder> = {}): Promise<{ esimId: string; topUp: Order }> {
    const first = await paidOrder();
    await fulfilment.runDue();
    const esim = await world.esims.findByOrder(first.id);
    const topUp = await paidOrder({ topUpEsimId: esim!.id, ...overrides });
    world.events.length = 0;
    return { esimId: esim!.id, topUp };
  }

  it("tops up with our order id, records the new balance, confirms", async () => {
    const { esimId, topUp } = await esimWithTopUp();
    await fulfilment.runDue();
    expect(world.events).toEqual([`top-up ${topUp.id}`, `reading ${esimId} 2048`, `confirm-top-up ${topUp.id} 1024`]);
    expect(await statusOf(topUp.id)).toMatchObject({ order: "delivered", payment: "captured", job: "done" });
  });

  it("a confirmation that went out before settling failed is not sent again: the retry repeats only the idempotent top-up", async () => {
    const { topUp } = await esimWithTopUp();
    // The database fails once right after "Top-up added" went out (before the order is recorded as delivered).
    let failures = 1;
    const flakyOrders = Object.assign(Object.create(world.orders) as typeof world.orders, {
      markDelivered: async (orderId: string) => {
        if (failures-- > 0) throw new Error("the database went away");
        return world.orders.markDelivered(orderId);
      },
    });
    const flaky = new FulfilmentService({ ...fulfilmentDeps(), orders: flakyOrders });
    await flaky.runDue();
    world.advance(FIRST_RETRY_MS * 60);
    await flaky.runDue();
    expect(upstreamCalls()).toEqual([`top-up ${topUp.id}`, `top-up ${topUp.id}`]);
    expect(world.events.filter((event) => event.startsWith("confirm-top-up"))).toEqual([`confirm-top-up ${topUp.id} 1024`]);
    expect(await statusOf(topUp.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("after an unknown outcome calls the idempotent top-up again, once applied", async () => {
    const { topUp } = await esimWithTopUp();
    world.provider.script.push("lost");
    await runAndWait();
    await fulfilment.runDue();
    expect(upstreamCalls()).toEqual([`top-up ${topUp.id}`, `top-up ${topUp.id}`]);
    expect(world.provider.topUps.size).toBe(1);
    expect(await statusOf(topUp.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("a refused top-up decides a refund and leaves the eSIM as it was", async () => {
    const { topUp } = await esimWithTopUp();
    world.provider.script.push(new ProviderRejectedError("eSIM expired", 409));
    await fulfilment.runDue();
    expect(world.events).toEqual([`top-up ${topUp.id}`, "kick-refunds"]);
    expect(world.provider.topUps.size).toBe(0);
    expect(await statusOf(topUp.id)).toEqual({ order: "refunding", payment: "captured", job: "failed", refund: "pending" });
  });

  it("answers lost until the deadline: repeats the call on the slow schedule, confirms late, never refunds", async () => {
    const { topUp } = await esimWithTopUp();
    for (let i = 0; i < 100; i++) world.provider.script.push("lost");
    await runUntilDeadline(topUp.id);
    for (let i = 0; i < 3; i++) {
      await fulfilment.runDue();
      world.advance(RECONCILE_RETRY_MS);
    }
    expect(await statusOf(topUp.id)).toMatchObject({ order: "paid", job: "pending", refund: undefined });
    expect(world.events.filter((event) => event.startsWith("tell-reconciling"))).toEqual([`tell-reconciling ${topUp.id}`]);

    world.provider.script.length = 0;
    await fulfilment.runDue();
    expect(world.events.at(-1)).toBe(`confirm-top-up ${topUp.id} 1024`);
    expect(world.provider.topUps.size).toBe(1);
    expect(await statusOf(topUp.id)).toMatchObject({ order: "delivered", job: "done", refund: undefined });
    expect(world.events).not.toContain("kick-refunds");
  });

  it("a top-up still unknown at the end of the window goes to the operator", async () => {
    const { topUp } = await esimWithTopUp();
    for (let i = 0; i < 1000; i++) world.provider.script.push(new ProviderUnavailableError("timeout", undefined));
    await runUntilDeadline(topUp.id);
    for (let i = 0; i < 3; i++) {
      await fulfilment.runDue();
      world.advance(RECONCILE_WINDOW_MS / 2);
    }
    expect(await statusOf(topUp.id)).toEqual({ order: "needs_operator", payment: "captured", job: "failed", refund: undefined });
    expect(world.events).toContain(`operator-handed-over ${topUp.id}`);
  });
});

const jobOf = (orderId: string) => world.database.db.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId } });
const refundOf = (orderId: string) => world.database.db.prisma.refund.findFirstOrThrow({ where: { orderId } });

/** Runs the job `times` times, each when it falls due; returns how long the job was told to wait after each run. */
async function waitsBetweenRuns(orderId: string, times: number): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < times; i++) {
    await fulfilment.runDue();
    const wait = (await jobOf(orderId)).runAt.getTime() - world.now().getTime();
    waits.push(wait);
    world.advance(wait);
  }
  return waits;
}

describe("retries: their schedule, and what the operator reads of them", () => {
  it("passing upstream failures back off 1 s, 2 s, 4 s, each attempt counted, the upstream error shown", async () => {
    const order = await paidOrder();
    upstreamDown();
    expect(await waitsBetweenRuns(order.id, 3)).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS]);
    expect(await jobOf(order.id)).toMatchObject({ status: "pending", attempts: 3, lastError: "upstream order failed: HTTP 503" });
  });

  it("an eSIM that keeps failing to go out backs off the same way and is never ordered again", async () => {
    const order = await paidOrder();
    world.notifier.failures = 3;
    expect(await waitsBetweenRuns(order.id, 3)).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS]);
    expect(await jobOf(order.id)).toMatchObject({ status: "pending", attempts: 3, lastError: "Error: Telegram is down" });
    await fulfilment.runDue();
    expect(upstreamCalls()).toEqual([`place-order ${order.id}`]);
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("an eSIM already issued is delivered on the retry without asking the provider again, even while its look-ups fail", async () => {
    const order = await paidOrder();
    world.notifier.failures = 1;
    await runAndWait();
    world.provider.lookupFailures = 100;
    world.events.length = 0;
    await fulfilment.runDue();
    expect(world.events).toEqual([`deliver ${order.id} ${world.provider.orders.get(order.id)!.iccid}`]);
    expect(await statusOf(order.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("a crash backs off like any failure, and the operator sees its error", async () => {
    const order = await paidOrder();
    const store = world.esims.createFromProvider.bind(world.esims);
    let crashes = 3;
    world.esims.createFromProvider = async (...args) => {
      if (crashes-- > 0) throw new Error("the database went away");
      return store(...args);
    };
    expect(await waitsBetweenRuns(order.id, 3)).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS]);
    expect(await jobOf(order.id)).toMatchObject({ status: "pending", attempts: 3, lastError: "Error: the database went away" });
  });

  it("after a lost answer a failing look-up is retried, and the operator sees the look-up's failure", async () => {
    const order = await paidOrder();
    world.provider.script.push("lost");
    await runAndWait();
    world.provider.lookupFailures = 1;
    await fulfilment.runDue();
    expect(upstreamCalls()).toEqual([`place-order ${order.id}`]);
    expect(await jobOf(order.id)).toMatchObject({ status: "pending", attempts: 2, lastError: "look-up failed: GET /esim/orders: HTTP 503" });
  });
});

describe("a refusal after an unknown outcome", () => {
  it("is never refunded while the look-up after it fails, even once the earlier request has settled", async () => {
    const order = await paidOrder();
    world.provider.script.push(new ProviderUnavailableError("HTTP 503", 503), new ProviderRejectedError("plan no longer sold", 422), new ProviderRejectedError("plan no longer sold", 422));
    await fulfilment.runDue();
    world.advance(RECONCILE_RETRY_MS + 60_000);
    // The look-up before the new order answers "absent"; the one after the refusal fails.
    const findOrder = world.provider.findOrderByExternalId.bind(world.provider);
    let lookups = 0;
    world.provider.findOrderByExternalId = async (id) => {
      if (++lookups === 2) throw new ProviderUnavailableError("GET /esim/orders: HTTP 503", 503);
      return findOrder(id);
    };
    await fulfilment.runDue();
    expect(await statusOf(order.id)).toMatchObject({ order: "paid", job: "pending", refund: undefined });
    expect(await jobOf(order.id)).toMatchObject({ lastError: "the provider refused the order: plan no longer sold" });
    expect(world.events).not.toContain("kick-refunds");

    // Once a look-up answers that the provider has no such order, the refusal is refunded.
    world.advance(60_000);
    await fulfilment.runDue();
    expect(await statusOf(order.id)).toMatchObject({ order: "refunding", refund: "pending" });
  });

  it("is refunded when the unknown request is exactly the settle window old", async () => {
    const order = await paidOrder();
    world.provider.script.push(new ProviderUnavailableError("HTTP 503", 503), new ProviderRejectedError("plan no longer sold", 422));
    await fulfilment.runDue();
    world.advance(RECONCILE_RETRY_MS);
    await fulfilment.runDue();
    expect(await statusOf(order.id)).toMatchObject({ order: "refunding", refund: "pending" });
    expect(await refundOf(order.id)).toMatchObject({ reason: "the provider refused the order: plan no longer sold" });
  });
});

describe("reconciling: its schedule and what the operator reads", () => {
  it("looks again every reconcile interval, the last look at the window's end, then hands over saying why", async () => {
    const order = await paidOrder();
    world.provider.script.push("lost");
    world.provider.lookupFailures = 100_000;
    await runUntilDeadline(order.id);
    const { deadlineAt } = await jobOf(order.id);
    await fulfilment.runDue();
    expect(await jobOf(order.id)).toMatchObject({ runAt: new Date(deadlineAt.getTime() + RECONCILE_RETRY_MS), lastError: "look-up failed: GET /esim/orders: HTTP 503" });

    const windowEnd = deadlineAt.getTime() + RECONCILE_WINDOW_MS;
    world.advance(windowEnd - 60_000 - world.now().getTime());
    await fulfilment.runDue();
    expect((await jobOf(order.id)).runAt).toEqual(new Date(windowEnd));

    world.advance(60_000);
    await fulfilment.runDue();
    expect(await jobOf(order.id)).toMatchObject({ status: "failed", lastError: "the provider's answer stayed unknown through the reconcile window" });
    expect(await statusOf(order.id)).toMatchObject({ order: "needs_operator", refund: undefined });
  });

  it("a job first run after its deadline (the worker was down) never orders; nothing upstream and nothing unknown: refunded, saying so", async () => {
    const order = await paidOrder();
    world.advance(DEADLINE_MS);
    await fulfilment.runDue();
    expect(world.events).toEqual([`look-up ${order.id}`, "kick-refunds"]);
    expect(await refundOf(order.id)).toMatchObject({ reason: `the provider has no order ${order.id} after the deadline (last error: none)` });
  });

  it("a refund after the deadline tells the operator what the last attempt said", async () => {
    const order = await paidOrder();
    upstreamDown();
    await runUntilDeadline(order.id);
    await fulfilment.runDue();
    expect(await jobOf(order.id)).toMatchObject({ lastError: "not found yet; the last request may still be settling" });
    world.advance(RECONCILE_RETRY_MS);
    await fulfilment.runDue();
    expect(await refundOf(order.id)).toMatchObject({
      reason: `the provider has no order ${order.id} after the deadline (last error: not found yet; the last request may still be settling)`,
    });
  });
});

describe("top-ups: failures and what they show", () => {
  async function esimWithTopUp(): Promise<Order> {
    const first = await paidOrder();
    await fulfilment.runDue();
    const esim = await world.esims.findByOrder(first.id);
    const topUp = await paidOrder({ topUpEsimId: esim!.id });
    world.events.length = 0;
    return topUp;
  }

  it("re-reads the order right before the top-up: one that stopped being paid is not topped up", async () => {
    const topUp = await esimWithTopUp();
    refundingAtSecondRead();
    await fulfilment.runDue();
    expect(upstreamCalls()).toEqual([]);
    expect(await statusOf(topUp.id)).toMatchObject({ order: "refunding", job: "done" });
  });

  it("a confirmation that fails in passing is retried with backoff, the top-up repeated (idempotent), confirmed once", async () => {
    const topUp = await esimWithTopUp();
    world.notifier.failures = 3;
    expect(await waitsBetweenRuns(topUp.id, 3)).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS]);
    expect(await statusOf(topUp.id)).toMatchObject({ order: "paid", job: "pending" });
    expect(await jobOf(topUp.id)).toMatchObject({ attempts: 3, lastError: "Error: Telegram is down" });
    await fulfilment.runDue();
    expect(world.events.filter((event) => event.startsWith("confirm-top-up"))).toEqual([`confirm-top-up ${topUp.id} 1024`]);
    expect(world.provider.topUps.size).toBe(1);
    expect(await statusOf(topUp.id)).toMatchObject({ order: "delivered", job: "done" });
  });

  it("a buyer who blocked the bot still gets the top-up: settled, not retried", async () => {
    const topUp = await esimWithTopUp();
    world.notifier.unreachable = true;
    await runAndWait();
    expect(await statusOf(topUp.id)).toMatchObject({ order: "delivered", job: "done" });
    expect(await fulfilment.runDue()).toBe(0);
    expect(upstreamCalls()).toEqual([`top-up ${topUp.id}`]);
  });

  it("the operator reads why: a lost answer, a refusal, an outcome unknown through the window", async () => {
    const lost = await esimWithTopUp();
    world.provider.script.push("lost");
    await fulfilment.runDue();
    expect(await jobOf(lost.id)).toMatchObject({ status: "pending", lastError: "upstream top-up failed: timeout after 15 s" });

    const refused = await esimWithTopUp();
    await world.database.db.prisma.fulfilmentJob.update({ where: { orderId: lost.id }, data: { runAt: new Date(world.now().getTime() + DEADLINE_MS) } });
    world.provider.script.push(new ProviderRejectedError("eSIM expired", 409));
    await fulfilment.runDue();
    expect(await refundOf(refused.id)).toMatchObject({ reason: "the provider refused the top-up: eSIM expired" });

    for (let i = 0; i < 1000; i++) world.provider.script.push("lost");
    world.advance(DEADLINE_MS + RECONCILE_WINDOW_MS);
    await fulfilment.runDue();
    expect(await jobOf(lost.id)).toMatchObject({ status: "failed", lastError: "the top-up's outcome stayed unknown through the reconcile window" });
  });
});
