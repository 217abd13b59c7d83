/**
 * The web dashboard's order page in its service, on SQLite and PostgreSQL:
 * an operator opens an order's card and each confirmed action (retry,
 * resend, refund with its note, resolve with its note) reaches that order
 * through the same actions as the Telegram card; the reconciliation report
 * covers the days asked; someone removed from ADMIN_IDS opens nothing and
 * changes nothing. (The browser test covers the HTML around it.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { DashboardBroadcastsReads } from "../src/db/dashboard-broadcasts-reads.ts";
import { DashboardEsimsReads } from "../src/db/dashboard-esims-reads.ts";
import { DashboardOrdersReads } from "../src/db/dashboard-orders-reads.ts";
import { DashboardOverviewReads } from "../src/db/dashboard-overview-reads.ts";
import { ORDER_STATUSES, type OrderStatus } from "../src/domain/order.ts";
import { REFUND_STATUSES, type RefundStatus } from "../src/domain/refund.ts";
import { OperatorAccess } from "../src/services/operator/access.ts";
import { DashboardService } from "../src/services/operator/dashboard.ts";
import type { ReconcileReport } from "../src/services/reconcile-report.ts";
import { DATABASES } from "./support/databases.ts";
import { createOrderDeskWorld, type OrderDeskWorld } from "./support/order-desk-world.ts";
import { seedOrder } from "./support/seed-orders.ts";

const ANNA = 900_101;
const BORIS = 900_102;
const NOW = new Date("2026-12-03T15:00:00.000Z");
const HOUR = 3_600_000;

let world: OrderDeskWorld;
afterEach(() => world.close());

/** The dashboard over the world's order desk; `asked` collects the days of every reconciliation report built. */
function dashboardOf(desk: OrderDeskWorld, asked: number[]): DashboardService {
  const { prisma, provider } = desk.database.db;
  return new DashboardService({
    access: new OperatorAccess(() => desk.operators),
    overview: new DashboardOverviewReads(prisma, provider),
    orders: new DashboardOrdersReads(prisma),
    esims: new DashboardEsimsReads(prisma),
    broadcasts: new DashboardBroadcastsReads(prisma),
    lookup: desk.lookup,
    actions: desk.actions,
    reconcile: async (days) => {
      asked.push(days);
      return emptyReport(desk.now(), days);
    },
    currency: "XTR",
    perUsd: 50,
    lowDataPercent: 20,
    expiryWarningHours: 24,
    now: desk.now,
  });
}

function emptyReport(to: Date, days: number): ReconcileReport {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  return {
    from: new Date(to.getTime() - days * 24 * HOUR),
    to,
    telegram: { charges: 0, starsIn: 0, refunds: 0, starsOut: 0 },
    payments: { recorded: 0, byStatus: {} },
    orders: zeros<OrderStatus>(ORDER_STATUSES),
    upstream: { checked: 0, found: 0, absent: 0, unknown: 0 },
    refunds: zeros<RefundStatus>(REFUND_STATUSES),
    mismatches: [],
  };
}

describe.each(DATABASES)("the dashboard's order page on %s", (kind) => {
  it("opens an order's card and carries out each confirmed action on that order, notes included", async () => {
    world = await createOrderDeskWorld(kind, [ANNA, BORIS]);
    world.setNow(NOW);
    const seed = (order: Parameters<typeof seedOrder>[1]) => seedOrder(world.database.db.prisma, order);
    const ago = (ms: number) => new Date(NOW.getTime() - ms);
    await seed({ id: "ord_paid", userId: 811, status: "paid", createdAt: ago(HOUR), paidAt: ago(HOUR) });
    await seed({ id: "ord_sent", userId: 812, status: "delivered", createdAt: ago(24 * HOUR), paidAt: ago(24 * HOUR), deliveredAt: ago(24 * HOUR), iccid: "8944000000000000812" });
    await seed({ id: "ord_card", userId: 813, status: "needs_operator", currency: "USD", amount: 999, createdAt: ago(24 * HOUR), paidAt: ago(24 * HOUR), refund: "manual" });
    const dashboard = dashboardOf(world, []);

    expect(await dashboard.order(ANNA, "ord_nowhere")).toBe("missing");
    expect(await dashboard.order(ANNA, "ord_paid")).toMatchObject({ order: { id: "ord_paid", status: "paid" }, version: 0, actions: { retry: true, refund: "stars" } });

    expect(await dashboard.act(ANNA, "retry", "ord_paid", 0, undefined)).toEqual({ kind: "done", action: "retry" });
    expect(world.events).toEqual(["kick-fulfilment"]);
    expect(await dashboard.act(ANNA, "resend", "ord_sent", 0, undefined)).toEqual({ kind: "done", action: "resend" });
    expect(world.events).toEqual(["kick-fulfilment", "deliver ord_sent 8944000000000000812"]);
    // A card payment is marked refunded outside the shop only with the operator's note: the form's note must reach it.
    expect(await dashboard.act(BORIS, "refund", "ord_card", 0, "refunded in the Stripe dashboard")).toEqual({ kind: "done", action: "refund", refund: "card" });
    expect(await dashboard.act(BORIS, "resolve", "ord_paid", 1, undefined)).toEqual({ kind: "note-required" });
    expect(await dashboard.act(BORIS, "resolve", "ord_paid", 1, "upstream says it is on its way")).toEqual({ kind: "done", action: "resolve" });

    const prisma = world.database.db.prisma;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: "ord_card" } })).toMatchObject({ status: "refunded" });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: "ord_paid" } })).resolvedAt).toEqual(NOW);
    const entries = await prisma.auditEntry.findMany({ orderBy: { action: "asc" } });
    expect(entries.map((entry) => [entry.action, entry.subjectId, Number(entry.operatorId), JSON.parse(entry.details).note ?? null])).toEqual([
      ["order.refund", "ord_card", BORIS, "refunded in the Stripe dashboard"],
      ["order.resend", "ord_sent", ANNA, null],
      ["order.resolve", "ord_paid", BORIS, "upstream says it is on its way"],
      ["order.retry", "ord_paid", ANNA, null],
    ]);
    expect(await dashboard.order(ANNA, "ord_paid")).toMatchObject({ version: 2 });
  });

  it("builds the reconciliation report for the days asked, and gives someone removed from ADMIN_IDS nothing", async () => {
    world = await createOrderDeskWorld(kind, [ANNA, BORIS]);
    world.setNow(NOW);
    await seedOrder(world.database.db.prisma, { id: "ord_x", userId: 821, status: "paid", createdAt: NOW, paidAt: NOW });
    const asked: number[] = [];
    const dashboard = dashboardOf(world, asked);
    expect(await dashboard.reconciliation(ANNA, 7)).toMatchObject({ from: new Date(NOW.getTime() - 7 * 24 * HOUR), to: NOW });
    expect(asked).toEqual([7]);

    world.operators = [BORIS];
    expect(dashboard.isOperator(ANNA)).toBe(false);
    expect(await dashboard.order(ANNA, "ord_x")).toBeNull();
    expect(await dashboard.reconciliation(ANNA, 7)).toBeNull();
    expect(await dashboard.orderChoices(ANNA)).toBeNull();
    expect(await dashboard.act(ANNA, "refund", "ord_x", 0, "nope")).toEqual({ kind: "refused" });
    expect(asked).toEqual([7]);
    expect(await world.database.db.prisma.order.findUniqueOrThrow({ where: { id: "ord_x" } })).toMatchObject({ status: "paid" });
  });
});
