/**
 * The operator's order desk in its service, on SQLite and PostgreSQL: sales
 * equal a hand count of seeded orders; the look-up finds orders by every
 * reading; the card's timeline; needs attention, newest first, paged,
 * leaving when resolved; and each action (retry, resend, refund, resolve)
 * happens once under a double tap and two operators at once, is audited,
 * and is refused to someone who is no operator any more.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ActionResult } from "../src/services/operator/order-actions.ts";
import { DATABASES } from "./support/databases.ts";
import { createOrderDeskWorld, type OrderDeskWorld } from "./support/order-desk-world.ts";
import { seedOrder, type OrderSeed } from "./support/seed-orders.ts";

const ANNA = 900_001;
const BORIS = 900_002;
const NOW = new Date("2026-12-03T15:00:00.000Z");
const DAY = 24 * 60 * 60_000;

let world: OrderDeskWorld;
afterEach(() => world.close());

const at = (iso: string) => new Date(iso);
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const later = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);
const seed = (order: OrderSeed) => seedOrder(world.database.db.prisma, order);

async function start(kind: (typeof DATABASES)[number]): Promise<void> {
  world = await createOrderDeskWorld(kind, [ANNA, BORIS]);
  world.setNow(NOW);
}

/** The kinds of two results, done first. */
function kinds(results: ActionResult[]): string[] {
  return results.map((result) => result.kind).sort((a, b) => (a === "done" ? -1 : b === "done" ? 1 : a.localeCompare(b)));
}

describe.each(DATABASES)("the operator's order desk on %s", (kind) => {
  it("counts sales today, in 7 and in 30 days exactly as a hand count of the seeded orders", async () => {
    await start(kind);
    const paid = {
      o1: at("2026-12-03T14:00:00Z"),
      o2: at("2026-12-03T10:00:00Z"),
      o3: at("2026-12-03T09:00:00Z"),
      o4: ago(3 * DAY),
      o5: ago(2 * DAY),
      o6: ago(20 * DAY),
      o7: ago(40 * DAY),
      o9: at("2026-12-02T23:59:00Z"),
    };
    await seed({ id: "o1", userId: 1, status: "delivered", amount: 500, costUsdCents: 450, createdAt: paid.o1, paidAt: paid.o1, deliveredAt: later(paid.o1, 30) });
    await seed({ id: "o2", userId: 2, status: "delivered", amount: 700, costUsdCents: 600, createdAt: paid.o2, paidAt: paid.o2, deliveredAt: later(paid.o2, 120) });
    await seed({ id: "o3", userId: 3, status: "refunded", destinationCode: "FR", amount: 300, costUsdCents: 250, createdAt: paid.o3, paidAt: paid.o3, refundedAt: later(paid.o3, 1200), refund: "done" });
    await seed({ id: "o4", userId: 4, status: "delivered", destinationCode: "FR", currency: "USD", amount: 999, costUsdCents: 500, createdAt: paid.o4, paidAt: paid.o4, deliveredAt: later(paid.o4, 60) });
    await seed({ id: "o5", userId: 5, status: "paid", destinationCode: "US", amount: 400, costUsdCents: 350, createdAt: paid.o5, paidAt: paid.o5 });
    await seed({ id: "o6", userId: 6, status: "delivered", amount: 500, costUsdCents: 450, createdAt: paid.o6, paidAt: paid.o6, deliveredAt: later(paid.o6, 600) });
    await seed({ id: "o7", userId: 7, status: "delivered", destinationCode: "DE", amount: 1000, createdAt: paid.o7, paidAt: paid.o7, deliveredAt: later(paid.o7, 60) });
    await seed({ id: "o8", userId: 8, status: "awaiting_payment", createdAt: ago(60_000) });
    await seed({ id: "o9", userId: 9, status: "delivered", amount: 500, costUsdCents: 450, createdAt: paid.o9, paidAt: paid.o9, deliveredAt: later(paid.o9, 120) });

    expect(await world.sales.salesSummary("today")).toEqual({
      period: "today",
      from: at("2026-12-03T00:00:00Z"),
      to: NOW,
      paid: 3,
      delivered: 3,
      refunded: 1,
      revenue: [{ currency: "XTR", amount: 1200 }],
      revenueUsdCents: 2400,
      costUsdCents: 1050,
      marginUsdCents: 1350,
      topDestinations: [{ destinationCode: "JP", orders: 2 }, { destinationCode: "FR", orders: 1 }],
      deliveryMs: { median: 120_000, p95: 120_000, count: 3 },
    });
    expect(await world.sales.salesSummary("7d")).toMatchObject({
      paid: 6,
      delivered: 4,
      refunded: 1,
      revenue: [{ currency: "XTR", amount: 2100 }, { currency: "USD", amount: 999 }],
      revenueUsdCents: 5199,
      costUsdCents: 2000,
      marginUsdCents: 3199,
      topDestinations: [{ destinationCode: "JP", orders: 3 }, { destinationCode: "FR", orders: 2 }, { destinationCode: "US", orders: 1 }],
      deliveryMs: { median: 60_000, p95: 120_000, count: 4 },
    });
    expect(await world.sales.salesSummary("30d")).toMatchObject({
      paid: 7,
      delivered: 5,
      revenue: [{ currency: "XTR", amount: 2600 }, { currency: "USD", amount: 999 }],
      revenueUsdCents: 6199,
      costUsdCents: 2450,
      marginUsdCents: 3749,
      topDestinations: [{ destinationCode: "JP", orders: 4 }, { destinationCode: "FR", orders: 2 }, { destinationCode: "US", orders: 1 }],
      deliveryMs: { median: 120_000, p95: 600_000, count: 5 },
    });
  });

  it("finds orders by order id, ICCID (full or last digits), charge id, user id and @username", async () => {
    await start(kind);
    const paidAt = ago(DAY);
    await seed({ id: "ord_a", userId: 501, username: "anna_t", status: "delivered", createdAt: paidAt, paidAt, deliveredAt: later(paidAt, 30), iccid: "8944000000000012345", chargeId: "stxAAA" });
    await seed({ id: "ord_b", userId: 501, status: "paid", createdAt: later(paidAt, 60), paidAt: later(paidAt, 60), chargeId: "stxBBB" });
    await seed({ id: "ord_c", userId: 502, status: "delivered", createdAt: paidAt, paidAt, deliveredAt: later(paidAt, 30), iccid: "8944000000000099999" });
    await seed({ id: "ord_unpaid", userId: 501, status: "awaiting_payment", createdAt: NOW });
    const ids = async (query: string) => (await world.lookup.findOrders(query)).map((order) => order.id);

    expect(await ids("ord_a")).toEqual(["ord_a"]);
    expect(await ids("ord_unpaid")).toEqual(["ord_unpaid"]);
    expect(await ids("8944000000000012345")).toEqual(["ord_a"]);
    expect(await ids("2345")).toEqual(["ord_a"]);
    expect(await ids("stxBBB")).toEqual(["ord_b"]);
    expect(await ids("501")).toEqual(["ord_b", "ord_a"]);
    expect(await ids("@Anna_T")).toEqual(["ord_b", "ord_a"]);
    expect(await ids("anna_t")).toEqual(["ord_b", "ord_a"]);
    expect(await ids("nobody")).toEqual([]);
    expect(await ids("   ")).toEqual([]);
  });

  it("shows the card's timeline: created, paid, ordered upstream, delivered, notifications, refunds and operator actions", async () => {
    await start(kind);
    const paidAt = ago(DAY);
    await seed({ id: "ord_t", userId: 601, status: "delivered", createdAt: later(paidAt, -20), paidAt, deliveredAt: later(paidAt, 40) });
    const prisma = world.database.db.prisma;
    await prisma.notification.create({
      data: { id: "n1", esimId: "esim_ord_t", userId: 601n, kind: "activated", period: 0, payload: "{}", status: "sent", nextAttemptAt: paidAt, sentAt: later(paidAt, 3600) },
    });
    expect(await world.actions.resendEsim(ANNA, "ord_t", 0)).toEqual({ kind: "done", action: "resend" });
    const card = (await world.lookup.orderCard("ord_t"))!;
    expect(card.timeline.map((event) => event.kind)).toEqual(["created", "payment", "paid", "ordered-upstream", "delivered", "notification", "operator"]);
    expect(card.timeline.at(-1)).toMatchObject({ kind: "operator", action: "order.resend", operatorId: ANNA, result: "ok" });
    expect(card).toMatchObject({ version: 1, actions: { retry: false, resend: true, refund: null, resolve: true }, traveller: { id: 601 } });
    expect(await world.lookup.orderCard("ord_missing")).toBeNull();
  });

  it("lists what needs attention newest first, paged, each with its order, until it is resolved", async () => {
    await start(kind);
    await seed({ id: "late", userId: 701, status: "paid", createdAt: ago(3 * 3600_000), paidAt: ago(3 * 3600_000), deadlineAt: ago(2 * 3600_000) });
    await seed({ id: "in_time", userId: 702, status: "paid", createdAt: ago(60_000), paidAt: ago(60_000), deadlineAt: later(NOW, 600) });
    await seed({ id: "handed", userId: 703, status: "needs_operator", createdAt: ago(DAY), paidAt: ago(DAY) });
    await seed({ id: "card", userId: 704, status: "needs_operator", currency: "USD", amount: 999, createdAt: ago(2 * DAY), paidAt: ago(2 * DAY), refund: "manual" });
    await seed({ id: "fine", userId: 705, status: "delivered", createdAt: ago(DAY), paidAt: ago(DAY), deliveredAt: ago(DAY) });
    const prisma = world.database.db.prisma;
    // updatedAt is the database's clock: pin it so "newest first" is the test's.
    await prisma.order.update({ where: { id: "handed" }, data: { updatedAt: ago(90 * 60_000) } });
    await prisma.order.update({ where: { id: "card" }, data: { updatedAt: ago(5 * 3600_000) } });
    await prisma.refund.update({ where: { id: "rfd_card" }, data: { updatedAt: ago(5 * 3600_000) } });

    const page = await world.attention.attentionList(0);
    expect(page.items.map((item) => [item.orderId, item.reasons])).toEqual([
      ["handed", ["needs-operator"]],
      ["late", ["late"]],
      ["card", ["needs-operator", "refund-manual"]],
    ]);
    expect(page).toMatchObject({ page: 0, pages: 1, total: 3 });
    expect(page.items[0]!.order).toMatchObject({ id: "handed", status: "needs_operator" });

    expect(await world.actions.resolveOrder(ANNA, "late", 0, "  ")).toEqual({ kind: "note-required" });
    expect(await world.actions.resolveOrder(ANNA, "late", 0, "upstream confirmed it is on its way")).toEqual({ kind: "done", action: "resolve" });
    expect((await world.attention.attentionList(0)).items.map((item) => item.orderId)).toEqual(["handed", "card"]);

    for (let n = 0; n < 10; n++) await seed({ id: `late_${n}`, userId: 710 + n, status: "paid", createdAt: ago(DAY), paidAt: ago(DAY), deadlineAt: ago(DAY - n * 1000) });
    const first = await world.attention.attentionList(0);
    const second = await world.attention.attentionList(5);
    expect([first.total, first.pages, first.items.length, second.page, second.items.length]).toEqual([12, 2, 8, 1, 4]);
    expect(new Set([...first.items, ...second.items].map((item) => item.orderId)).size).toBe(12);
  });

  it("lists needs attention on a shop with over a thousand stuck orders (at most 1,000 of each kind)", async () => {
    await start(kind);
    const prisma = world.database.db.prisma;
    await prisma.user.create({ data: { id: 990n, firstName: "Many" } });
    const ids = Array.from({ length: 1_300 }, (_, n) => `bulk_${String(n).padStart(4, "0")}`);
    const status = (n: number) => (n < 1_100 ? "paid" : "needs_operator");
    const base = { userId: 990n, chatId: 990n, planId: "p", planName: "JP 1 GB", destinationCode: "JP", dataMb: 1024, validityDays: 7, costUsdCents: 450, currency: "XTR", amount: 500, languageCode: "en", createdAt: ago(DAY), paidAt: ago(DAY) };
    await prisma.order.createMany({ data: ids.map((id, n) => ({ ...base, id, status: status(n) })) });
    await prisma.fulfilmentJob.createMany({ data: ids.slice(0, 1_100).map((orderId) => ({ orderId, status: "pending", runAt: NOW, deadlineAt: ago(DAY / 2) })) });
    const page = await world.attention.attentionList(0);
    expect(page.total).toBe(1_200);
    expect(page.items).toHaveLength(8);
  });

  it("refunds a paid Stars order once under a double tap and two operators at once, through the refund worker", async () => {
    await start(kind);
    await seed({ id: "ord_s", userId: 801, status: "paid", createdAt: ago(3600_000), paidAt: ago(3600_000), chargeId: "stxS" });
    const results = await Promise.all([
      world.actions.refundOrder(ANNA, "ord_s", 0),
      world.actions.refundOrder(ANNA, "ord_s", 0),
      world.actions.refundOrder(BORIS, "ord_s", 0),
    ]);
    expect(kinds(results)).toEqual(["done", "stale", "stale"]);
    expect(results.filter((result) => result.kind === "done")).toEqual([{ kind: "done", action: "refund", refund: "stars" }]);
    // A retry of the same confirmation later, and a card that is still on screen, change nothing either.
    expect(await world.actions.refundOrder(BORIS, "ord_s", 0)).toEqual({ kind: "stale" });
    expect(await world.actions.refundOrder(BORIS, "ord_s", 1)).toEqual({ kind: "not-allowed" });

    while ((await world.refundWorker.runDue()) > 0);
    expect(world.events.filter((event) => event.startsWith("refund "))).toEqual(["refund 801 stxS"]);
    const prisma = world.database.db.prisma;
    expect(await prisma.refund.count()).toBe(1);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: "ord_s" } })).toMatchObject({ status: "refunded" });
    expect(await prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: "ord_s" } })).toMatchObject({ status: "failed" });
    const audit = await prisma.auditEntry.findMany();
    expect(audit).toMatchObject([{ action: "order.refund", subjectKind: "order", subjectId: "ord_s", result: "ok", actionKey: "order:ord_s:v0" }]);
  });

  it("refunds a Stars refund Telegram refused again, and marks a card payment refunded outside the shop only with a note", async () => {
    await start(kind);
    await seed({ id: "ord_f", userId: 802, status: "needs_operator", createdAt: ago(DAY), paidAt: ago(DAY), refund: "failed", chargeId: "stxF" });
    await seed({ id: "ord_card", userId: 803, status: "needs_operator", currency: "USD", amount: 999, createdAt: ago(DAY), paidAt: ago(DAY), refund: "manual" });
    expect(await world.actions.refundOrder(ANNA, "ord_f", 0)).toEqual({ kind: "done", action: "refund", refund: "stars" });
    while ((await world.refundWorker.runDue()) > 0);
    expect(world.events.filter((event) => event.startsWith("refund "))).toEqual(["refund 802 stxF"]);

    expect(await world.actions.refundOrder(ANNA, "ord_card", 0)).toEqual({ kind: "note-required" });
    const card = await Promise.all([
      world.actions.refundOrder(ANNA, "ord_card", 0, "refunded in the Stripe dashboard"),
      world.actions.refundOrder(BORIS, "ord_card", 0, "refunded via the bank"),
    ]);
    expect(kinds(card)).toEqual(["done", "stale"]);
    const prisma = world.database.db.prisma;
    expect(await prisma.order.findMany({ where: { id: { in: ["ord_f", "ord_card"] } }, select: { id: true, status: true }, orderBy: { id: "asc" } })).toEqual([
      { id: "ord_card", status: "refunded" },
      { id: "ord_f", status: "refunded" },
    ]);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: "pay_ord_card" } })).toMatchObject({ status: "refunded" });
    expect(await prisma.refund.findUniqueOrThrow({ where: { id: "rfd_ord_card" } })).toMatchObject({ status: "done" });
    const entries = await prisma.auditEntry.findMany({ where: { subjectId: "ord_card" } });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ kind: "card", note: expect.stringMatching(/^refunded (in|via) the/) });
    expect(world.events.filter((event) => event.startsWith("refund "))).toHaveLength(1);
  });

  it("retries a paid order's delivery and resends an eSIM once under double taps and two operators", async () => {
    await start(kind);
    await seed({ id: "ord_r", userId: 804, status: "paid", createdAt: ago(3600_000), paidAt: ago(3600_000) });
    await seed({ id: "ord_d", userId: 805, status: "delivered", createdAt: ago(DAY), paidAt: ago(DAY), deliveredAt: ago(DAY), iccid: "8944000000000000805" });
    const retries = await Promise.all([world.actions.retryDelivery(ANNA, "ord_r", 0), world.actions.retryDelivery(ANNA, "ord_r", 0), world.actions.retryDelivery(BORIS, "ord_r", 0)]);
    expect(kinds(retries)).toEqual(["done", "stale", "stale"]);
    expect(world.events.filter((event) => event === "kick-fulfilment")).toHaveLength(1);
    const prisma = world.database.db.prisma;
    expect((await prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: "ord_r" } })).runAt).toEqual(NOW);

    const resends = await Promise.all([world.actions.resendEsim(ANNA, "ord_d", 0), world.actions.resendEsim(BORIS, "ord_d", 0)]);
    expect(kinds(resends)).toEqual(["done", "stale"]);
    expect(world.events.filter((event) => event.startsWith("deliver "))).toEqual(["deliver ord_d 8944000000000000805"]);
    // A later, deliberate resend from the current card goes out again.
    expect(await world.actions.resendEsim(BORIS, "ord_d", 1)).toEqual({ kind: "done", action: "resend" });
    expect(world.events.filter((event) => event.startsWith("deliver "))).toHaveLength(2);
    expect(await world.actions.resendEsim(ANNA, "ord_r", 1)).toEqual({ kind: "not-allowed" });
    expect(await world.actions.retryDelivery(ANNA, "ord_d", 2)).toEqual({ kind: "not-allowed" });
    expect(await prisma.auditEntry.count({ where: { result: "ok" } })).toBe(3);
  });

  it("refuses every action to someone removed from the operators, records the refusal and changes nothing", async () => {
    await start(kind);
    await seed({ id: "ord_x", userId: 806, status: "paid", createdAt: ago(3600_000), paidAt: ago(3600_000) });
    world.operators = [BORIS];
    expect(await world.actions.refundOrder(ANNA, "ord_x", 0)).toEqual({ kind: "refused" });
    expect(await world.actions.retryDelivery(ANNA, "ord_x", 0)).toEqual({ kind: "refused" });
    expect(await world.actions.resolveOrder(ANNA, "ord_x", 0, "done")).toEqual({ kind: "refused" });
    const prisma = world.database.db.prisma;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: "ord_x" } })).toMatchObject({ status: "paid", resolvedAt: null });
    expect(await prisma.refund.count()).toBe(0);
    expect((await prisma.auditEntry.findMany({ orderBy: { action: "asc" } })).map((entry) => [entry.action, entry.result, entry.actionKey])).toEqual([
      ["order.refund", "refused", null],
      ["order.resolve", "refused", null],
      ["order.retry", "refused", null],
    ]);
    // They are on the order's card, where the operator looks…
    expect((await world.lookup.orderCard("ord_x"))!.timeline.filter((event) => event.kind === "operator")).toHaveLength(3);
    // …but the refusals do not count as actions: an operator's card version is still 0.
    expect(await world.actions.refundOrder(BORIS, "ord_x", 0)).toEqual({ kind: "done", action: "refund", refund: "stars" });
  });
});
