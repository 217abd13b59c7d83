/**
 * Fulfilment on several instances: two services on one database (as two bot
 * processes), each claiming jobs with a lease. A job whose worker is still
 * running keeps its lease (renewed while it runs), and a worker that lost
 * its job — it stalled past its lease and the other instance took the job
 * over — does not deliver the eSIM a second time. (The multi-instance e2e
 * once showed a traveller two QR codes: a batch of jobs ran longer than
 * the lease on a loaded machine.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Esim, Order } from "../src/domain/order.ts";
import type { EsimProvider } from "../src/providers/port.ts";
import { ProviderRejectedError } from "../src/providers/errors.ts";
import { FulfilmentService, type FulfilmentDeps } from "../src/services/fulfilment.ts";
import { sendInSteps } from "../src/bot/delivery-steps.ts";
import type { CustomerNotifier, DeliveryProgress } from "../src/services/ports.ts";
import { gate, type Gate } from "./support/gate.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const LEASE_MS = 60_000;
const DEADLINE_MS = 30 * 60_000;

let world: ServiceWorld;
beforeEach(async () => {
  world = await createServiceWorld();
});
afterEach(() => world.close());

/** One instance's fulfilment service on the shared world; `overrides` give it its own provider or notifier. */
function instance(overrides: Partial<FulfilmentDeps> = {}): FulfilmentService {
  return new FulfilmentService({
    orders: world.orders,
    jobs: world.jobs,
    esims: world.esims,
    refunds: world.refundsRepository,
    provider: world.provider,
    notifier: world.notifier,
    readings: { applyReading: async () => undefined },
    operator: world.operator,
    refundWorker: world.refundWorker,
    log: world.log,
    now: world.now,
    firstRetryMs: 1_000,
    reconcileRetryMs: 10 * 60_000,
    reconcileWindowMs: 48 * 60 * 60_000,
    leaseMs: LEASE_MS,
    ...overrides,
  });
}

async function paidOrder(overrides: Parameters<ServiceWorld["newOrder"]>[0] = {}): Promise<Order> {
  const order = await world.newOrder(overrides);
  const report = { orderId: order.id, userId: BUYER, telegramChargeId: `ch_${order.id}`, providerChargeId: null, currency: order.currency, amount: order.amount };
  const result = await world.orders.recordPayment(report, { deadlineAt: new Date(world.now().getTime() + DEADLINE_MS) });
  if (result.kind !== "recorded") throw new Error(`payment not recorded: ${result.kind}`);
  return result.order;
}

const deliveries = () => world.events.filter((event) => event.startsWith("deliver"));
const jobRow = (orderId: string) => world.database.db.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId } });

/** The world's provider, whose upstream orders wait at `stall` (a slow provider, a paused process). */
function stallingProvider(stall: Gate): EsimProvider {
  return Object.assign(Object.create(world.provider) as EsimProvider, {
    placeOrder: async (input: Parameters<EsimProvider["placeOrder"]>[0]) => {
      await stall.wait();
      return world.provider.placeOrder(input);
    },
  });
}

describe("fulfilment jobs across instances", () => {
  it("a worker that stalled past its lease while the other instance delivered does not deliver again", async () => {
    const order = await paidOrder();
    // Instance A stalls inside its upstream order (a slow provider, a paused process).
    const stall = gate();
    const slowProvider = stallingProvider(stall);
    const a = instance({ provider: slowProvider, leaseRenewEveryMs: 3_600_000 });
    const b = instance();
    const runA = a.runDue();
    await stall.reached;

    // A's lease runs out (it could not renew it: stalled); B takes the job over and delivers.
    world.advance(LEASE_MS + 1);
    expect(await b.runDue()).toBe(1);
    expect(deliveries()).toHaveLength(1);

    stall.open();
    await runA;
    expect(deliveries()).toHaveLength(1);
    expect(await jobRow(order.id)).toMatchObject({ status: "done" });
    expect((await world.orders.find(order.id))?.status).toBe("delivered");
  });

  it("a job is leased for two minutes unless told: another instance a moment short of that finds nothing to claim", async () => {
    const order = await paidOrder();
    const stall = gate();
    const slowProvider = stallingProvider(stall);
    const runA = instance({ provider: slowProvider, leaseMs: undefined, leaseRenewEveryMs: 3_600_000 }).runDue();
    await stall.reached;
    world.advance(2 * 60_000 - 1);
    expect(await instance().runDue()).toBe(0);
    stall.open();
    await runA;
    expect(deliveries()).toHaveLength(1);
    expect(await jobRow(order.id)).toMatchObject({ status: "done" });
  });

  it("a slow delivery keeps its job: the lease is renewed while it runs, so the other instance never takes it", async () => {
    const order = await paidOrder();
    // Instance A is slow to send the QR (Telegram asked it to wait, a loaded machine).
    const slow = gate();
    const slowNotifier: CustomerNotifier = Object.assign(Object.create(world.notifier) as CustomerNotifier, {
      deliverEsim: async (o: Order, esim: Esim) => {
        await slow.wait();
        return world.notifier.deliverEsim(o, esim);
      },
    });
    const a = instance({ notifier: slowNotifier, leaseRenewEveryMs: 5 });
    const b = instance();
    const runA = a.runDue();
    await slow.reached;
    const claimedUntil = (await jobRow(order.id)).leaseUntil!;

    // Half a lease later A has renewed it (its timer runs every 5 ms)...
    world.advance(LEASE_MS / 2);
    await vi.waitFor(async () => expect((await jobRow(order.id)).leaseUntil!.getTime()).toBeGreaterThan(claimedUntil.getTime()), { timeout: 5_000 });
    // ...so past the first lease, B finds nothing to claim.
    world.advance(LEASE_MS / 2 + 1);
    expect(await b.runDue()).toBe(0);

    slow.open();
    await runA;
    expect(deliveries()).toHaveLength(1);
    expect(await jobRow(order.id)).toMatchObject({ status: "done", leaseUntil: null });
  });

  it("a worker that lost its job does not release it for a retry under the instance that holds it now", async () => {
    const order = await paidOrder();
    // A's upstream order fails slowly; meanwhile B takes the job over and is still delivering.
    const stall = gate();
    const failingProvider: EsimProvider = Object.assign(Object.create(world.provider) as EsimProvider, {
      placeOrder: async () => {
        await stall.wait();
        throw new Error("socket hang up");
      },
    });
    const a = instance({ provider: failingProvider, leaseRenewEveryMs: 3_600_000 });
    const runA = a.runDue();
    await stall.reached;
    world.advance(LEASE_MS + 1);
    const [taken] = await world.jobs.claimDue(world.now(), LEASE_MS, 10);
    expect(taken?.orderId).toBe(order.id);

    stall.open();
    await runA;
    // B's claim stands: the job is still leased to B, not released to run again.
    expect((await jobRow(order.id)).leaseUntil).toEqual(taken!.leaseUntil);
    // Nor does A tell the buyer the eSIM is being prepared: the job is not A's to speak for.
    expect(world.events).not.toContain(`tell-preparing ${order.id}`);
  });

  it("a worker that lost its job mid-delivery stops before its next message; the one that took it over sends only the rest", async () => {
    const order = await paidOrder();
    // A delivery of three messages, as the bot's: A sends the QR, then stalls before the next one.
    const stall = gate();
    const sent: string[] = [];
    const threeMessages = (who: string, stallBeforeSecond: boolean): CustomerNotifier =>
      Object.assign(Object.create(world.notifier) as CustomerNotifier, {
        deliverEsim: (_o: Order, _esim: Esim, progress?: DeliveryProgress) =>
          sendInSteps(
            ["QR", "code", "trip question"].map((message, index) => async () => {
              if (stallBeforeSecond && index === 1) await stall.wait();
              sent.push(`${message} by ${who}`);
            }),
            progress,
          ),
      });
    const a = instance({ notifier: threeMessages("A", true), leaseRenewEveryMs: 3_600_000 });
    const b = instance({ notifier: threeMessages("B", false) });
    const runA = a.runDue();
    await stall.reached;
    expect((await jobRow(order.id)).messagesSent).toBe(1);

    // A's lease runs out; B takes the job over and sends what is missing.
    world.advance(LEASE_MS + 1);
    expect(await b.runDue()).toBe(1);
    expect(sent).toEqual(["QR by A", "code by B", "trip question by B"]);

    // A's message in flight goes out, but recording it fails (the job is B's): A sends nothing more.
    stall.open();
    await runA;
    expect(sent).toEqual(["QR by A", "code by B", "trip question by B", "code by A"]);
    expect(await jobRow(order.id)).toMatchObject({ status: "done", messagesSent: 3 });
    expect((await world.orders.find(order.id))?.status).toBe("delivered");
  });

  it("a top-up worker that stalled past its lease while the other instance confirmed does not confirm again", async () => {
    const first = await paidOrder();
    await instance().runDue();
    const esim = await world.esims.findByOrder(first.id);
    const topUp = await paidOrder({ topUpEsimId: esim!.id });
    const stall = gate();
    const slowProvider: EsimProvider = Object.assign(Object.create(world.provider) as EsimProvider, {
      topUp: async (input: Parameters<EsimProvider["topUp"]>[0]) => {
        await stall.wait();
        return world.provider.topUp(input);
      },
    });
    const runA = instance({ provider: slowProvider, leaseRenewEveryMs: 3_600_000 }).runDue();
    await stall.reached;
    world.advance(LEASE_MS + 1);
    expect(await instance().runDue()).toBe(1);
    stall.open();
    await runA;
    expect(world.events.filter((event) => event.startsWith("confirm-top-up"))).toEqual([`confirm-top-up ${topUp.id} 1024`]);
    expect(await jobRow(topUp.id)).toMatchObject({ status: "done" });
  });

  it("a run that ends with nothing to record stops renewing its lease: the job is claimed again once the lease runs out", async () => {
    const order = await paidOrder();
    // The operator refunds the order while the provider refuses it: the refund this worker decides finds the order no longer paid.
    const racedProvider: EsimProvider = Object.assign(Object.create(world.provider) as EsimProvider, {
      placeOrder: async () => {
        await world.database.db.prisma.order.update({ where: { id: order.id }, data: { status: "refunding" } });
        throw new ProviderRejectedError("plan no longer sold", 422);
      },
    });
    expect(await instance({ provider: racedProvider, leaseRenewEveryMs: 5 }).runDue()).toBe(1);
    expect(await jobRow(order.id)).toMatchObject({ status: "pending" });
    world.advance(LEASE_MS + 1);
    // Time for renewals to run, were the lease still kept.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await instance().runDue()).toBe(1);
    expect(await jobRow(order.id)).toMatchObject({ status: "done" });
  });
});
