/**
 * The refund worker on several instances: two workers on one database (as
 * two bot processes), each claiming refund intents with a lease. A refund
 * whose Telegram call is slow keeps its lease (renewed while it runs), so
 * the other instance never asks Telegram again; a worker that lost its
 * refund (it stalled past its lease and the other instance took it over)
 * neither calls Telegram nor hands the refund back for a retry under the
 * instance that holds it now.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Order } from "../src/domain/order.ts";
import { RefundsRepository } from "../src/db/refunds-repository.ts";
import type { StarRefundResult, StarRefunds } from "../src/services/ports.ts";
import { RefundService } from "../src/services/refunds.ts";
import { DATABASES } from "./support/databases.ts";
import { gate, type Gate } from "./support/gate.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const LEASE_MS = 2 * 60_000;

describe.each(DATABASES)("refunds across instances (%s)", (kind) => {
  let world: ServiceWorld;
  /** Every refundStarPayment call any instance made, by charge id. */
  let calls: string[];
  beforeEach(async () => {
    world = await createServiceWorld(kind);
    calls = [];
  });
  afterEach(() => world.close());

  /**
   * One instance's refund worker with its own repository. `callStall` holds
   * its Telegram calls, `claimStall` holds it right after its claim (a paused
   * process); `failing` makes its calls fail in passing.
   */
  function instance(options: { callStall?: Gate; claimStall?: Gate; failing?: boolean; renewEveryMs?: number; defaultLease?: boolean } = {}): RefundService {
    const { prisma, provider } = world.database.db;
    const repository = new RefundsRepository(prisma, provider, world.now);
    if (options.claimStall) {
      const find = repository.find.bind(repository);
      const stall = options.claimStall;
      repository.find = async (id) => {
        await stall.wait();
        return find(id);
      };
    }
    const telegram: StarRefunds = {
      refundStarPayment: async (userId: number, chargeId: string): Promise<StarRefundResult> => {
        calls.push(chargeId);
        await options.callStall?.wait();
        if (options.failing) throw new Error("refundStarPayment: Telegram is down");
        return world.refunds.refundStarPayment(userId, chargeId);
      },
    };
    return new RefundService({
      refunds: repository,
      telegram,
      notifier: world.notifier,
      operator: world.operator,
      log: world.log,
      now: world.now,
      firstRetryMs: 1_000,
      giveUpAfterMs: 48 * 60 * 60_000,
      leaseMs: options.defaultLease ? undefined : LEASE_MS,
      leaseRenewEveryMs: options.renewEveryMs ?? 3_600_000,
    });
  }

  /** A paid order whose fulfilment gave up: its refund intent recorded. */
  async function orderToRefund(): Promise<Order> {
    const order = await world.newOrder();
    const report = { orderId: order.id, userId: BUYER, telegramChargeId: `ch_${order.id}`, providerChargeId: null, currency: "XTR", amount: 500 };
    const recorded = await world.orders.recordPayment(report, { deadlineAt: world.now() });
    if (recorded.kind !== "recorded") throw new Error(recorded.kind);
    if (!(await world.refundsRepository.decideForOrder(recorded.order, recorded.payment, "the provider refused the order"))) throw new Error("no refund decided");
    return recorded.order;
  }

  const refundRow = (orderId: string) => world.database.db.prisma.refund.findFirstOrThrow({ where: { orderId } });

  it("a slow refund call keeps its refund: the lease is renewed while it runs, so the other instance never calls Telegram again", async () => {
    const order = await orderToRefund();
    const slow = gate();
    const runA = instance({ callStall: slow, renewEveryMs: 5 }).runDue();
    await slow.reached;
    const claimedUntil = (await refundRow(order.id)).leaseUntil!;

    // Half a lease later A has renewed it (its timer runs every 5 ms)...
    world.advance(LEASE_MS / 2);
    await vi.waitFor(async () => expect((await refundRow(order.id)).leaseUntil!.getTime()).toBeGreaterThan(claimedUntil.getTime()), { timeout: 5_000 });
    // ...so past the first lease, B finds nothing to refund.
    world.advance(LEASE_MS / 2 + 1);
    expect(await instance().runDue()).toBe(0);

    slow.open();
    expect(await runA).toBe(1);
    expect(calls).toEqual([`ch_${order.id}`]);
    expect(world.events).toEqual([`refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await refundRow(order.id)).toMatchObject({ status: "done", leaseUntil: null });
  });

  it("a refund is leased for two minutes unless told: another instance a moment short of that finds nothing to take", async () => {
    const order = await orderToRefund();
    const stall = gate();
    const runA = instance({ claimStall: stall, defaultLease: true }).runDue();
    await stall.reached;
    world.advance(2 * 60_000 - 1);
    expect(await instance().runDue()).toBe(0);
    stall.open();
    expect(await runA).toBe(1);
    expect(calls).toEqual([`ch_${order.id}`]);
  });

  it("a worker that stalled past its lease while the other instance refunded does not call Telegram again", async () => {
    const order = await orderToRefund();
    // A claims the refund and stalls before its call (a paused process: no renewals either).
    const stall = gate();
    const runA = instance({ claimStall: stall }).runDue();
    await stall.reached;

    // A's lease runs out; B takes the refund over and carries it out.
    world.advance(LEASE_MS + 1);
    expect(await instance().runDue()).toBe(1);
    expect(calls).toEqual([`ch_${order.id}`]);

    stall.open();
    await runA;
    expect(calls).toEqual([`ch_${order.id}`]);
    expect(world.events).toEqual([`refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
    expect(await refundRow(order.id)).toMatchObject({ status: "done" });
  });

  it("a worker that lost its refund does not hand it back for a retry under the instance that holds it now", async () => {
    const order = await orderToRefund();
    // A's call fails slowly; meanwhile B has taken the refund over and is still calling Telegram.
    const stall = gate();
    const runA = instance({ callStall: stall, failing: true }).runDue();
    await stall.reached;
    world.advance(LEASE_MS + 1);
    const bStall = gate();
    const runB = instance({ callStall: bStall }).runDue();
    await bStall.reached;
    const heldByB = (await refundRow(order.id)).leaseUntil!;
    expect(heldByB.getTime()).toBeGreaterThan(world.now().getTime());

    stall.open();
    await runA;
    // B's claim stands: the refund is still leased to B, not released to be called again.
    expect(await refundRow(order.id)).toMatchObject({ status: "pending", leaseUntil: heldByB, attempts: 0 });
    bStall.open();
    expect(await runB).toBe(1);
    expect(world.events).toEqual([`refund ${BUYER} ch_${order.id}`, `tell-refunded ${order.id} automatic`]);
  });
});
