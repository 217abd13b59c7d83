/**
 * The operator's order actions in the database (src/db/order-actions-repository.ts),
 * called directly, as they run when the card the operator confirmed on is
 * older than the database: the service's own checks were made on that card,
 * so the transaction re-checks everything itself — the version, the order's
 * state, whose payment and which refund it touches — and changes nothing
 * when it refuses.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OrderActionsRepository, type ActionStamp } from "../src/db/order-actions-repository.ts";
import { DATABASES, createTestDatabase, type TestDatabase } from "./support/databases.ts";
import { seedOrder, type OrderSeed } from "./support/seed-orders.ts";

const OPERATOR = 900_301;
const NOW = new Date("2026-12-04T12:00:00.000Z");
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const stamp = (version: number, note: string | null = null): ActionStamp => ({ operatorId: OPERATOR, version, note, at: NOW });
const paid = (id: string, userId: number, extra: Partial<OrderSeed> = {}): OrderSeed => ({ id, userId, status: "paid", createdAt: ago(HOUR), paidAt: ago(HOUR), ...extra });

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe.each(DATABASES)("order actions re-checked inside their transaction (%s)", (kind) => {
  async function start() {
    database = await createTestDatabase(kind);
    const { prisma } = database.db;
    return { prisma, repo: new OrderActionsRepository(prisma), seed: (order: OrderSeed) => seedOrder(prisma, order) };
  }

  it("refuses a card that is out of date, and what the order's state no longer allows, changing nothing", async () => {
    const { prisma, repo, seed } = await start();
    await seed(paid("ord_a", 801));
    // Handed to the operator meanwhile, its job row not ended (yet): a retry is still not the operator's to make.
    await seed({ id: "ord_over", userId: 802, status: "needs_operator", createdAt: ago(HOUR), paidAt: ago(HOUR) });
    await prisma.fulfilmentJob.update({ where: { orderId: "ord_over" }, data: { status: "pending" } });
    // Paid and its eSIM issued, the delivery still to go out: fulfilment sends it, not a resend.
    await seed(paid("ord_issued", 803, { deliveredAt: ago(HOUR) }));
    // Paid, its job ended: nothing to retry, and nobody is working on it.
    await seed(paid("ord_ended", 804));
    await prisma.fulfilmentJob.update({ where: { orderId: "ord_ended" }, data: { status: "failed" } });

    // The card said version 1, nothing is recorded: stale (and so is version 0 once an action is recorded).
    expect(await repo.retryDelivery("ord_a", stamp(1))).toEqual({ ok: false, why: "stale" });
    expect(await repo.resolveOrder("ord_a", stamp(0))).toMatchObject({ ok: true });
    expect(await repo.retryDelivery("ord_a", stamp(0))).toEqual({ ok: false, why: "stale" });
    expect(await repo.refundOrder("ord_a", stamp(0))).toEqual({ ok: false, why: "stale" });

    expect(await repo.retryDelivery("ord_over", stamp(0))).toEqual({ ok: false, why: "not-allowed" });
    expect(await repo.resendEsim("ord_issued", stamp(0))).toEqual({ ok: false, why: "not-allowed" });
    expect(await repo.retryDelivery("ord_ended", stamp(0))).toEqual({ ok: false, why: "not-allowed" });

    const jobs = await prisma.fulfilmentJob.findMany({ where: { orderId: { in: ["ord_a", "ord_over", "ord_ended"] } }, orderBy: { orderId: "asc" } });
    expect(jobs.map((job) => [job.orderId, job.status])).toEqual([
      ["ord_a", "pending"],
      ["ord_ended", "failed"],
      ["ord_over", "pending"],
    ]);
    // Only the resolve was recorded.
    expect(await prisma.auditEntry.count()).toBe(1);
    expect(await prisma.refund.count()).toBe(0);
  });

  it("writes who refunded into the refund and the ended job, with the note when there is one, cut to the column", async () => {
    const { prisma, repo, seed } = await start();
    await seed(paid("ord_stars", 811));
    await seed(paid("ord_card", 812, { currency: "USD", amount: 999 }));

    expect(await repo.refundOrder("ord_stars", stamp(0))).toMatchObject({ ok: true, result: { kind: "stars" } });
    const bare = `refunded by operator ${OPERATOR}`;
    expect(await prisma.refund.findFirstOrThrow({ where: { orderId: "ord_stars" } })).toMatchObject({ reason: bare, status: "pending" });
    expect(await prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: "ord_stars" } })).toMatchObject({ status: "failed", lastError: bare });

    const note = `paid back by bank transfer ${"x".repeat(600)}`;
    expect(await repo.refundOrder("ord_card", stamp(0, note))).toMatchObject({ ok: true, result: { kind: "card" } });
    const reason = `${bare}: ${note}`.slice(0, 500);
    expect(await prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: "ord_card" } })).toMatchObject({ status: "failed", lastError: reason });
  });

  it("a card refund touches only the order's own payment and refund, and not one already under way", async () => {
    const { prisma, repo, seed } = await start();
    await seed(paid("ord_other", 821, { currency: "USD", amount: 500, paidAt: ago(3 * HOUR) }));
    await seed({ id: "ord_manual", userId: 822, status: "needs_operator", currency: "USD", amount: 700, createdAt: ago(2 * HOUR), paidAt: ago(2 * HOUR), refund: "manual" });
    await seed({ id: "ord_going", userId: 823, status: "needs_operator", currency: "USD", amount: 800, createdAt: ago(2 * HOUR), paidAt: ago(2 * HOUR), refund: "pending" });
    await seed(paid("ord_mine", 824, { currency: "USD", amount: 999 }));

    expect(await repo.refundOrder("ord_mine", stamp(0, "refunded at the bank"))).toMatchObject({ ok: true, result: { kind: "card" } });
    // A refund intent another worker is carrying out is not marked done from the desk.
    expect(await repo.refundOrder("ord_going", stamp(0, "refunded at the bank"))).toEqual({ ok: false, why: "not-allowed" });

    const payments = await prisma.payment.findMany({ orderBy: { orderId: "asc" }, select: { orderId: true, status: true } });
    expect(payments).toEqual([
      { orderId: "ord_going", status: "needs_operator" },
      { orderId: "ord_manual", status: "needs_operator" },
      { orderId: "ord_mine", status: "refunded" },
      { orderId: "ord_other", status: "captured" },
    ]);
    const refunds = await prisma.refund.findMany({ orderBy: { orderId: "asc" }, select: { orderId: true, status: true } });
    expect(refunds).toEqual([
      { orderId: "ord_going", status: "pending" },
      { orderId: "ord_manual", status: "manual" },
      { orderId: "ord_mine", status: "done" },
    ]);
    const orders = await prisma.order.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } });
    expect(orders).toEqual([
      { id: "ord_going", status: "needs_operator" },
      { id: "ord_manual", status: "needs_operator" },
      { id: "ord_mine", status: "refunded" },
      { id: "ord_other", status: "paid" },
    ]);
  });
});
