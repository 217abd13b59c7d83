/**
 * The Star ledger reconciler on its own: real repositories and the real
 * payments and refund services on SQLite, a fake ledger. A payment whose
 * update was lost is recorded as if it had arrived; a refund we did not
 * record is recorded; the cursor moves only past what was handled; one
 * instance reads at a time.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StarLedger } from "../src/services/ports.ts";
import type { PricedPlan } from "../src/services/catalog.ts";
import { PaymentsService } from "../src/services/payments.ts";
import { RefundService } from "../src/services/refunds.ts";
import { StarLedgerReconciler } from "../src/services/star-ledger.ts";
import { gate } from "./support/gate.ts";
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

let world: ServiceWorld;
let payments: PaymentsService;
let refunds: RefundService;

beforeEach(async () => {
  world = await createServiceWorld();
  payments = new PaymentsService({
    orders: world.orders,
    esims: world.esims,
    catalog: { plan: (id) => (id === JAPAN.id ? JAPAN : undefined) },
    notifier: world.notifier,
    operator: world.operator,
    fulfilment: world.worker,
    refundWorker: world.refundWorker,
    log: world.log,
    now: world.now,
    fulfilmentDeadlineMs: 30 * 60_000,
  });
  refunds = new RefundService({
    refunds: world.refundsRepository,
    telegram: world.refunds,
    notifier: world.notifier,
    operator: world.operator,
    log: world.log,
    now: world.now,
    firstRetryMs: 1_000,
    giveUpAfterMs: 48 * 60 * 60_000,
  });
});
afterEach(() => world.close());

function reconciler(owner = "instance-a", ledger: StarLedger = world.starLedger): StarLedgerReconciler {
  return new StarLedgerReconciler({ ledger, cursor: world.ledgerCursor, payments, refunds, log: world.log, owner });
}

/** The ledger as one instance reads it, its first read held until the test opens the gate (a slow call, a paused process). */
function stalledLedger() {
  const stall = gate();
  let first = true;
  const ledger: StarLedger = {
    transactions: async (offset, limit) => {
      if (first) {
        first = false;
        await stall.wait();
      }
      return world.starLedger.transactions(offset, limit);
    },
  };
  return { stall, ledger };
}

const prisma = () => world.database.db.prisma;

describe("the Star ledger", () => {
  it("records a payment whose update never arrived, exactly as the update would: order paid, job due, fulfilment woken", async () => {
    const order = await world.newOrder();
    world.starLedger.charge("stx_1", BUYER, order.id);
    expect(await reconciler().run()).toEqual({ read: 1, paymentsFound: 1, refundsFound: 0 });
    expect(world.events).toEqual(["kick"]);
    expect(await prisma().payment.findUniqueOrThrow({ where: { telegramChargeId: "stx_1" } })).toMatchObject({ orderId: order.id, status: "captured", amount: 500 });
    expect((await world.orders.find(order.id))?.status).toBe("paid");
    expect(await prisma().fulfilmentJob.count()).toBe(1);

    // The update arrives late after all: nothing happens twice.
    expect(await payments.takePayment({ orderId: order.id, userId: BUYER, telegramChargeId: "stx_1", providerChargeId: null, currency: "XTR", amount: 500, language: "en" }, async () => undefined)).toEqual({ kind: "already-recorded" });
    expect(await prisma().fulfilmentJob.count()).toBe(1);
  });

  it("reads on from its cursor: what was read is not read again, and known charges change nothing", async () => {
    const order = await world.newOrder();
    await payments.takePayment({ orderId: order.id, userId: BUYER, telegramChargeId: "stx_1", providerChargeId: null, currency: "XTR", amount: 500, language: "en" }, async () => undefined);
    world.events.length = 0;
    world.starLedger.charge("stx_1", BUYER, order.id);
    expect(await reconciler().run()).toEqual({ read: 1, paymentsFound: 0, refundsFound: 0 });
    expect(await reconciler().run()).toEqual({ read: 0, paymentsFound: 0, refundsFound: 0 });
    expect(world.events).toEqual([]);
    expect(await prisma().ledgerCursor.findUniqueOrThrow({ where: { id: "stars" } })).toMatchObject({ position: 1, leaseOwner: null });
  });

  it("a charge whose payload names no order gets a refund intent, and the refund worker is woken", async () => {
    world.starLedger.charge("stx_9", BUYER, "not-an-order", 700);
    await reconciler().run();
    expect(world.events).toEqual(["kick-refunds", `operator-unmatched not-an-order ${BUYER} 700 ⭐ stx_9 automatic (the payment names no order of ours)`]);
    expect(await prisma().payment.findUniqueOrThrow({ where: { telegramChargeId: "stx_9" }, include: { refund: true } })).toMatchObject({
      status: "stray",
      refund: { status: "pending", amount: 700 },
    });
  });

  it("a charge that does not match its order is not fulfilled: a mismatch with a refund intent", async () => {
    const order = await world.newOrder();
    world.starLedger.charge("stx_1", BUYER, order.id, 1);
    await reconciler().run();
    expect((await world.orders.find(order.id))?.status).toBe("awaiting_payment");
    expect(await prisma().payment.findUniqueOrThrow({ where: { telegramChargeId: "stx_1" } })).toMatchObject({ status: "mismatch" });
  });

  it("a refund we did not record marks the payment and its order refunded", async () => {
    const order = await world.newOrder();
    world.starLedger.charge("stx_1", BUYER, order.id);
    world.starLedger.refund("stx_1", BUYER);
    expect(await reconciler().run()).toEqual({ read: 2, paymentsFound: 1, refundsFound: 1 });
    expect((await world.orders.find(order.id))?.status).toBe("refunded");
    expect(await prisma().payment.findUniqueOrThrow({ where: { telegramChargeId: "stx_1" }, include: { refund: true } })).toMatchObject({
      status: "refunded",
      refund: { status: "done" },
    });
  });

  it("pages through more than Telegram returns at once", async () => {
    for (let i = 0; i < 150; i++) world.starLedger.charge(`stx_${i}`, BUYER, `stray-${i}`, 1);
    expect(await reconciler().run()).toMatchObject({ read: 150, paymentsFound: 150 });
    expect(world.starLedger.reads).toBe(2);
    expect(await prisma().payment.count()).toBe(150);
  });

  it("a failure keeps the cursor where it stopped; the next run goes on from there", async () => {
    const order = await world.newOrder();
    world.starLedger.charge("stx_1", BUYER, order.id);
    await reconciler().run();
    world.starLedger.charge("stx_2", BUYER, "stray");
    world.starLedger.failures = 1;
    await expect(reconciler().run()).rejects.toThrow("Telegram is down");
    expect(await reconciler().run()).toEqual({ read: 1, paymentsFound: 1, refundsFound: 0 });
  });

  it("is read by one instance at a time", async () => {
    world.starLedger.charge("stx_1", BUYER, "stray");
    expect(await world.ledgerCursor.lease("instance-b", 60_000)).toBe(0);
    expect(await reconciler("instance-a").run()).toBeNull();
    expect(await prisma().payment.count()).toBe(0);
    world.advance(60_001);
    expect(await reconciler("instance-a").run()).toMatchObject({ read: 1 });
    // The lease ran out: the old holder can no longer move the cursor.
    expect(await world.ledgerCursor.advance("instance-b", 0, 60_000)).toBe(false);
  });

  it("holds the ledger for two minutes unless told: another instance a moment short of that finds it taken", async () => {
    world.starLedger.charge("stx_1", BUYER, "stray");
    const { stall, ledger } = stalledLedger();
    const runA = reconciler("instance-a", ledger).run();
    await stall.reached;
    world.advance(2 * 60_000 - 1);
    expect(await reconciler("instance-b").run()).toBeNull();
    stall.open();
    expect(await runA).toMatchObject({ read: 1, paymentsFound: 1 });
  });

  it("an instance that lost the lease between pages stops there; the one that took it over has read on", async () => {
    for (let i = 0; i < 150; i++) world.starLedger.charge(`stx_${i}`, BUYER, `stray-${i}`, 1);
    const { stall, ledger } = stalledLedger();
    const runA = reconciler("instance-a", ledger).run();
    await stall.reached;
    world.advance(2 * 60_000 + 1);
    expect(await reconciler("instance-b").run()).toMatchObject({ read: 150, paymentsFound: 150 });
    const readsByB = world.starLedger.reads;
    stall.open();
    // A handles its first page (all known by now), finds the lease gone, and reads no further.
    expect(await runA).toEqual({ read: 100, paymentsFound: 0, refundsFound: 0 });
    expect(world.starLedger.reads).toBe(readsByB + 1);
    expect(await prisma().ledgerCursor.findUniqueOrThrow({ where: { id: "stars" } })).toMatchObject({ position: 150, leaseOwner: null });
  });

  it("counts the refunds it recorded, closing our own intent among them, and not a refund of a charge we never took", async () => {
    const order = await world.newOrder();
    world.starLedger.charge("stx_1", BUYER, order.id);
    await reconciler().run();
    const payment = await world.orders.capturedPayment(order.id);
    const paid = await world.orders.find(order.id);
    expect(await world.refundsRepository.decideForOrder(paid!, payment!, "the provider refused the order")).not.toBeNull();
    world.starLedger.refund("stx_1", BUYER);
    world.starLedger.refund("stx_never", BUYER);
    expect(await reconciler().run()).toEqual({ read: 2, paymentsFound: 0, refundsFound: 1 });
    expect(world.events).toContain(`tell-refunded ${order.id} automatic`);
    expect((await world.orders.find(order.id))?.status).toBe("refunded");
  });
});
