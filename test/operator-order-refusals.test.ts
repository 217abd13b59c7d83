/**
 * What an operator's action on an order answers when it cannot simply
 * happen, on SQLite and PostgreSQL: fulfilment is running on the order
 * (busy, nothing changes, and it works once the worker's hold has lapsed),
 * the order's state does not allow it, the traveller blocked the bot before
 * a resend, and a card payment refunded outside the shop (the note is
 * required, kept, and cut to its maximum length).
 */
import { afterEach, describe, expect, it } from "vitest";
import { MAX_NOTE_LENGTH } from "../src/services/operator/order-actions.ts";
import { RecipientUnreachableError } from "../src/services/ports.ts";
import { DATABASES } from "./support/databases.ts";
import { createOrderDeskWorld, type OrderDeskWorld } from "./support/order-desk-world.ts";
import { seedOrder, type OrderSeed } from "./support/seed-orders.ts";

const ANNA = 900_201;
const NOW = new Date("2026-12-03T15:00:00.000Z");
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let world: OrderDeskWorld;
afterEach(() => world.close());

async function start(kind: (typeof DATABASES)[number]): Promise<void> {
  world = await createOrderDeskWorld(kind, [ANNA]);
  world.setNow(NOW);
}
const seed = (order: OrderSeed) => seedOrder(world.database.db.prisma, order);
const paid = (id: string, userId: number, extra: Partial<OrderSeed> = {}): OrderSeed => ({ id, userId, status: "paid", createdAt: ago(HOUR), paidAt: ago(HOUR), ...extra });

describe.each(DATABASES)("an operator's order action that cannot simply happen, on %s", (kind) => {
  it("answers busy while a fulfilment worker holds the order, changes nothing, and acts once the hold has lapsed", async () => {
    await start(kind);
    await seed(paid("ord_busy", 901));
    const prisma = world.database.db.prisma;
    const hold = (leaseUntil: Date) => prisma.fulfilmentJob.update({ where: { orderId: "ord_busy" }, data: { leaseUntil } });

    // A worker's hold ending this very moment still holds.
    for (const until of [new Date(NOW.getTime() + 60_000), NOW]) {
      await hold(until);
      expect(await world.actions.retryDelivery(ANNA, "ord_busy", 0)).toEqual({ kind: "busy" });
      expect(await world.actions.refundOrder(ANNA, "ord_busy", 0)).toEqual({ kind: "busy" });
    }
    expect(world.events).toEqual([]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: "ord_busy" } })).toMatchObject({ status: "paid" });
    expect(await prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: "ord_busy" } })).toMatchObject({ status: "pending", lastError: null });
    expect(await prisma.refund.count()).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(0);

    await hold(ago(1_000));
    expect(await world.actions.retryDelivery(ANNA, "ord_busy", 0)).toEqual({ kind: "done", action: "retry" });
    expect(await world.actions.refundOrder(ANNA, "ord_busy", 1, "  the traveller cancelled the trip  ")).toEqual({ kind: "done", action: "refund", refund: "stars" });
    expect(world.events).toEqual(["kick-fulfilment", "kick-refunds"]);
    const reason = `refunded by operator ${ANNA}: the traveller cancelled the trip`;
    expect(await prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: "ord_busy" } })).toMatchObject({ status: "failed", leaseUntil: null, lastError: reason });
    expect(await prisma.refund.findFirstOrThrow({ where: { orderId: "ord_busy" } })).toMatchObject({ status: "pending", reason });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: "ord_busy" } })).toMatchObject({ status: "refunding" });
  });

  it("refuses what the order's state does not allow, and says when there is no such order", async () => {
    await start(kind);
    await seed({ id: "ord_unpaid", userId: 902, status: "awaiting_payment", createdAt: ago(HOUR) });
    await seed({ id: "ord_expired", userId: 902, status: "expired", createdAt: ago(48 * HOUR) });
    await seed({ id: "ord_sent", userId: 903, status: "delivered", createdAt: ago(HOUR), paidAt: ago(HOUR), deliveredAt: ago(HOUR) });
    // Delivered in the books, but no eSIM stored for it: nothing to resend.
    await seed({ id: "ord_no_esim", userId: 903, status: "delivered", createdAt: ago(HOUR), paidAt: ago(HOUR) });
    await seed({ id: "ord_pending", userId: 904, status: "needs_operator", createdAt: ago(HOUR), paidAt: ago(HOUR), refund: "pending" });
    await seed({ id: "ord_done", userId: 905, status: "needs_operator", createdAt: ago(HOUR), paidAt: ago(HOUR), refund: "done" });
    await seed(paid("ord_stuck", 906));
    const prisma = world.database.db.prisma;
    // Paid, but its fulfilment job has ended: there is nothing to retry.
    await prisma.fulfilmentJob.update({ where: { orderId: "ord_stuck" }, data: { status: "failed" } });

    expect(await world.actions.resolveOrder(ANNA, "ord_unpaid", 0, "checked")).toEqual({ kind: "not-allowed" });
    expect(await world.actions.resolveOrder(ANNA, "ord_expired", 0, "checked")).toEqual({ kind: "not-allowed" });
    expect(await world.actions.refundOrder(ANNA, "ord_sent", 0)).toEqual({ kind: "not-allowed" });
    expect(await world.actions.retryDelivery(ANNA, "ord_sent", 0)).toEqual({ kind: "not-allowed" });
    expect(await world.actions.resendEsim(ANNA, "ord_no_esim", 0)).toEqual({ kind: "not-allowed" });
    expect(await world.actions.refundOrder(ANNA, "ord_pending", 0)).toEqual({ kind: "not-allowed" });
    expect(await world.actions.refundOrder(ANNA, "ord_done", 0)).toEqual({ kind: "not-allowed" });
    expect(await world.actions.retryDelivery(ANNA, "ord_stuck", 0)).toEqual({ kind: "not-allowed" });
    expect(await world.actions.refundOrder(ANNA, "ord_nowhere", 0)).toEqual({ kind: "not-found" });
    expect(await world.actions.resolveOrder(ANNA, "ord_nowhere", 0, "checked")).toEqual({ kind: "not-found" });

    expect(world.events).toEqual([]);
    expect(await prisma.auditEntry.count()).toBe(0);
    expect(await prisma.refund.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } })).toEqual([
      { id: "rfd_ord_done", status: "done" },
      { id: "rfd_ord_pending", status: "pending" },
    ]);
    expect((await prisma.order.findMany({ where: { resolvedAt: { not: null } } })).length).toBe(0);
  });

  it("refunds a handed-over Stars order with no fulfilment job through the worker, and puts a refused refund back in line at once", async () => {
    await start(kind);
    // The upstream outcome stayed unknown: handed to the operator, no refund decided, its job gone.
    await seed({ id: "ord_unknown", userId: 909, status: "needs_operator", createdAt: ago(48 * HOUR), paidAt: ago(48 * HOUR), chargeId: "stxU" });
    await seed({ id: "ord_refused", userId: 910, status: "needs_operator", createdAt: ago(48 * HOUR), paidAt: ago(48 * HOUR), refund: "failed", chargeId: "stxR" });
    const prisma = world.database.db.prisma;
    await prisma.fulfilmentJob.delete({ where: { orderId: "ord_unknown" } });
    await prisma.refund.update({ where: { id: "rfd_ord_refused" }, data: { lastError: "CHARGE_NOT_FOUND", nextAttemptAt: new Date(NOW.getTime() + 24 * HOUR), leaseUntil: new Date(NOW.getTime() + HOUR) } });

    expect(await world.actions.refundOrder(ANNA, "ord_unknown", 0)).toEqual({ kind: "done", action: "refund", refund: "stars" });
    // It stays with the operator until the worker's refund has gone through.
    expect(await prisma.order.findUniqueOrThrow({ where: { id: "ord_unknown" } })).toMatchObject({ status: "needs_operator" });
    expect(await world.actions.refundOrder(ANNA, "ord_refused", 0)).toEqual({ kind: "done", action: "refund", refund: "stars" });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: "rfd_ord_refused" } })).toMatchObject({ status: "pending", nextAttemptAt: NOW, leaseUntil: null, lastError: null });
    expect(world.events).toEqual(["kick-refunds", "kick-refunds"]);

    while ((await world.refundWorker.runDue()) > 0);
    expect(world.events.filter((event) => event.startsWith("refund ")).sort()).toEqual(["refund 909 stxU", "refund 910 stxR"]);
    expect(await prisma.order.findMany({ where: { id: { in: ["ord_unknown", "ord_refused"] } }, select: { status: true } })).toEqual([{ status: "refunded" }, { status: "refunded" }]);
  });

  it("tells the operator a resend did not reach a traveller who blocked the bot, and records the failure", async () => {
    await start(kind);
    await seed({ id: "ord_sent", userId: 907, status: "delivered", createdAt: ago(HOUR), paidAt: ago(HOUR), deliveredAt: ago(HOUR) });
    world.deliveryFailure = new RecipientUnreachableError("Forbidden: bot was blocked by the user");
    expect(await world.actions.resendEsim(ANNA, "ord_sent", 0)).toEqual({ kind: "send-failed", reason: "the traveller has blocked the bot" });
    world.deliveryFailure = new Error("Bad Request: chat not found");
    expect(await world.actions.resendEsim(ANNA, "ord_sent", 1)).toEqual({ kind: "send-failed", reason: "Bad Request: chat not found" });

    const entries = await world.database.db.prisma.auditEntry.findMany({ orderBy: [{ result: "asc" }, { actionKey: "asc" }] });
    expect(entries.map((entry) => [entry.action, entry.result, entry.actionKey, JSON.parse(entry.details)])).toEqual([
      ["order.resend", "failed", null, { reason: "the traveller has blocked the bot" }],
      ["order.resend", "failed", null, { reason: "Bad Request: chat not found" }],
      ["order.resend", "ok", "order:ord_sent:v0", {}],
      ["order.resend", "ok", "order:ord_sent:v1", {}],
    ]);
    expect(world.events).toEqual([]);
    const card = (await world.lookup.orderCard("ord_sent"))!;
    expect(card.version).toBe(2);
    // The failures are on the order's card, where the operator looks.
    expect(card.timeline.flatMap((event) => (event.kind === "operator" ? [event.result] : [])).sort()).toEqual(["failed", "failed", "ok", "ok"]);
  });

  it("marks a paid card order refunded outside the shop only with a note, kept up to its maximum length", async () => {
    await start(kind);
    await seed(paid("ord_card", 908, { currency: "USD", amount: 999 }));
    expect(await world.actions.refundOrder(ANNA, "ord_card", 0)).toEqual({ kind: "note-required" });
    expect(await world.actions.refundOrder(ANNA, "ord_card", 0, "   ")).toEqual({ kind: "note-required" });
    const note = `refunded by bank transfer ${"x".repeat(600)}`;
    expect(await world.actions.refundOrder(ANNA, "ord_card", 0, note)).toEqual({ kind: "done", action: "refund", refund: "card" });

    const prisma = world.database.db.prisma;
    const kept = note.slice(0, MAX_NOTE_LENGTH);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: "ord_card" } })).toMatchObject({ status: "refunded" });
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: "pay_ord_card" } })).toMatchObject({ status: "refunded" });
    expect(await prisma.refund.findMany()).toMatchObject([{ orderId: "ord_card", status: "done", doneAt: NOW, reason: `refunded by operator ${ANNA}: ${kept}`.slice(0, 500) }]);
    const [entry] = await prisma.auditEntry.findMany();
    expect(JSON.parse(entry!.details)).toEqual({ kind: "card", note: kept });
    // No Stars to send back: the refund worker is not woken.
    expect(world.events).toEqual([]);
  });
});
