/**
 * What the operator reads: the orders behind the sales figures, everything
 * stored about one order, the orders a look-up names, and the orders that
 * need attention. Reads only; the actions are in order-actions-repository.ts.
 */
import type { AuditEntry } from "../domain/audit.ts";
import type { JobFacts, OrderFacts, Traveller } from "../domain/order-card.ts";
import type { OrderQuery } from "../domain/order-query.ts";
import type { Order, OrderStatus } from "../domain/order.ts";
import { LEDGER_REFUND_REASON } from "../domain/refund.ts";
import { percentileRank, type SalesFacts } from "../domain/sales.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import type { AuditRepository } from "./audit-repository.ts";
import type { DatabaseProvider } from "./client.ts";
import { toEsim } from "./esims-repository.ts";
import { toOrder, toPayment, toRefund } from "./money-rows.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** Why an order needs the operator. */
export type AttentionReason = "late" | "needs-operator" | "refund-failed" | "refund-manual" | "refunded-elsewhere";

/** An order (or, for a payment that named none, a payment) that needs the operator. */
export interface AttentionRow {
  /** Null for a payment that named no order of ours. */
  orderId: string | null;
  /** The payment's charge, for a row without an order. */
  chargeId: string | null;
  reasons: AttentionReason[];
  /** When the newest of its problems arose. */
  since: Date;
}

/** How far back refunds made elsewhere are shown (they need a look, not an action). */
const ELSEWHERE_WINDOW_MS = 30 * 24 * 60 * 60_000;
/** Each kind of problem is read up to this many rows (a shop with more has bigger problems than paging). */
const MAX_ROWS = 1000;

/** The operator's reads on the shop's database. */
export class OperatorReads {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: DatabaseProvider,
    private readonly audit: AuditRepository,
  ) {}

  /** What the sales figures of [from, to] are made of, counted and summed by the database (each count on an indexed date). */
  async salesFacts(from: Date, to: Date): Promise<SalesFacts> {
    const order = this.prisma.order;
    const paidIn = { paidAt: { gte: from, lte: to } };
    const deliveredIn = { deliveredAt: { gte: from, lte: to }, paidAt: { not: null } };
    const [paid, delivered, refunded, revenue, cost, top] = await Promise.all([
      order.count({ where: paidIn }),
      order.count({ where: deliveredIn }),
      order.count({ where: { refundedAt: { gte: from, lte: to } } }),
      order.groupBy({ by: ["currency"], where: { ...paidIn, status: { notIn: ["refunding", "refunded"] satisfies OrderStatus[] } }, _sum: { amount: true } }),
      order.aggregate({ where: { ...paidIn, status: "delivered" satisfies OrderStatus }, _sum: { costUsdCents: true } }),
      order.groupBy({
        by: ["destinationCode"],
        where: paidIn,
        _count: { destinationCode: true },
        orderBy: [{ _count: { destinationCode: "desc" } }, { destinationCode: "asc" }],
        take: 5,
      }),
    ]);
    const atRank = (p: number) => (delivered > 0 ? this.#deliveryAtRank(from, to, percentileRank(delivered, p)) : Promise.resolve(null));
    const [median, p95] = await Promise.all([atRank(50), atRank(95)]);
    return {
      paid,
      delivered,
      refunded,
      revenue: revenue.map((row) => ({ currency: row.currency, amount: row._sum.amount ?? 0 })),
      costUsdCents: cost._sum.costUsdCents ?? 0,
      topDestinations: top.map((row) => ({ destinationCode: row.destinationCode, orders: row._count.destinationCode })),
      delivery: { count: delivered, median, p95 },
    };
  }

  /** The payment → delivery time (ms) at a 1-based rank among the orders delivered in [from, to], shortest first. */
  async #deliveryAtRank(from: Date, to: Date, rank: number): Promise<number | null> {
    // Dates are ISO text in SQLite and timestamps in PostgreSQL.
    const duration =
      this.provider === "sqlite"
        ? Prisma.sql`(julianday("deliveredAt") - julianday("paidAt")) * 86400000.0`
        : Prisma.sql`CAST(EXTRACT(EPOCH FROM ("deliveredAt" - "paidAt")) * 1000 AS DOUBLE PRECISION)`;
    const rows = await this.prisma.$queryRaw<Array<{ ms: number }>>`
      SELECT ${duration} AS "ms" FROM "Order"
      WHERE "deliveredAt" >= ${from} AND "deliveredAt" <= ${to} AND "paidAt" IS NOT NULL
      ORDER BY 1 LIMIT 1 OFFSET ${rank - 1}`;
    const ms = rows[0]?.ms;
    return ms === undefined ? null : Math.round(Number(ms));
  }

  /** Everything stored about an order, or null. */
  async orderFacts(orderId: string, now: Date): Promise<OrderFacts | null> {
    const row = await this.prisma.order.findUnique({
      where: { id: orderId },
      include: { user: true, payments: { orderBy: { createdAt: "asc" } }, job: true, esim: true, topUpEsim: true },
    });
    if (!row) return null;
    const paymentIds = row.payments.map((payment) => payment.id);
    const esimRow = row.esim ?? row.topUpEsim;
    const [refunds, topUps, notifications, audit] = await Promise.all([
      this.prisma.refund.findMany({ where: { paymentId: { in: paymentIds } }, orderBy: { createdAt: "asc" } }),
      row.esim ? this.prisma.order.findMany({ where: { topUpEsimId: row.esim.id }, orderBy: { createdAt: "asc" } }) : Promise.resolve([]),
      esimRow ? this.prisma.notification.findMany({ where: { esimId: esimRow.id }, orderBy: { createdAt: "asc" } }) : Promise.resolve([]),
      this.audit.forSubject("order", orderId),
    ]);
    return {
      order: toOrder(row),
      resolvedAt: row.resolvedAt,
      traveller: toTraveller(row.user),
      payments: row.payments.map(toPayment),
      refunds: refunds.map(toRefund),
      job: row.job ? toJobFacts(row.job, now) : null,
      esim: esimRow ? toEsim(esimRow) : null,
      topUps: topUps.map((topUp) => ({
        orderId: topUp.id,
        status: topUp.status as OrderStatus,
        dataMb: topUp.dataMb,
        validityDays: topUp.validityDays,
        paidAt: topUp.paidAt,
        deliveredAt: topUp.deliveredAt,
      })),
      notifications: notifications.map(({ kind, status, createdAt, sentAt }) => ({ kind, status, createdAt, sentAt })),
      audit,
    };
  }

  /** The operator's actions on an order, oldest first. */
  orderAudit(orderId: string): Promise<AuditEntry[]> {
    return this.audit.forSubject("order", orderId);
  }

  /** Orders any reading of the query names, newest first, at most `limit`. */
  async findOrders(query: OrderQuery, limit: number): Promise<Order[]> {
    const { text, userId, iccidDigits, username } = query;
    const or: object[] = [{ payments: { some: { OR: [{ telegramChargeId: text }, { providerChargeId: text }] } } }];
    if (userId !== null) or.push({ userId: BigInt(userId) });
    if (iccidDigits !== null) {
      const iccid = { iccid: { endsWith: iccidDigits } };
      or.push({ esim: iccid }, { topUpEsim: iccid });
    }
    if (username !== null) or.push({ user: { username } });
    const rows = await this.prisma.order.findMany({
      // An order id finds the order whatever its status; the other readings list orders that were paid.
      where: { OR: [{ id: text }, { OR: or, status: { notIn: ["awaiting_payment", "expired"] satisfies OrderStatus[] } }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    });
    return rows.map(toOrder);
  }

  /** Every order (or orphan payment) with a problem the operator has not marked resolved since it arose, newest first. */
  async attention(now: Date): Promise<AttentionRow[]> {
    const byKey = new Map<string, AttentionRow & { resolvedAt: Date | null }>();
    const add = (orderId: string | null, chargeId: string | null, resolvedAt: Date | null, reason: AttentionReason, since: Date) => {
      const key = orderId ?? `charge:${chargeId}`;
      const row = byKey.get(key) ?? { orderId, chargeId: orderId ? null : chargeId, reasons: [], since, resolvedAt };
      if (!row.reasons.includes(reason)) row.reasons.push(reason);
      if (since > row.since) row.since = since;
      byKey.set(key, row);
    };
    const [late, handedOver, refunds] = await Promise.all([
      this.prisma.fulfilmentJob.findMany({
        where: { status: "pending", deadlineAt: { lt: now }, order: { status: "paid" } },
        select: { orderId: true, deadlineAt: true, order: { select: { resolvedAt: true } } },
        take: MAX_ROWS,
      }),
      this.prisma.order.findMany({ where: { status: "needs_operator" }, select: { id: true, updatedAt: true, resolvedAt: true }, take: MAX_ROWS }),
      this.prisma.refund.findMany({
        where: {
          OR: [{ status: { in: ["failed", "manual"] } }, { reason: LEDGER_REFUND_REASON, createdAt: { gte: new Date(now.getTime() - ELSEWHERE_WINDOW_MS) } }],
        },
        select: { status: true, updatedAt: true, chargeId: true, payment: { select: { order: { select: { id: true, resolvedAt: true } } } } },
        take: MAX_ROWS,
      }),
    ]);
    for (const job of late) add(job.orderId, null, job.order.resolvedAt, "late", job.deadlineAt);
    for (const order of handedOver) add(order.id, null, order.resolvedAt, "needs-operator", order.updatedAt);
    for (const refund of refunds) {
      const reason: AttentionReason = refund.status === "failed" ? "refund-failed" : refund.status === "manual" ? "refund-manual" : "refunded-elsewhere";
      const order = refund.payment.order;
      add(order?.id ?? null, refund.chargeId, order?.resolvedAt ?? null, reason, refund.updatedAt);
    }
    // Resolved since its newest problem arose: off the list until a newer one.
    return [...byKey.values()]
      .filter((row) => row.resolvedAt === null || row.resolvedAt < row.since)
      .map(({ resolvedAt: _resolvedAt, ...row }) => row)
      .sort((a, b) => b.since.getTime() - a.since.getTime() || (b.orderId ?? "").localeCompare(a.orderId ?? ""));
  }
}

type UserRow = Awaited<ReturnType<ShopPrisma["user"]["findUniqueOrThrow"]>>;
type JobRow = Awaited<ReturnType<ShopPrisma["fulfilmentJob"]["findUniqueOrThrow"]>>;

function toTraveller(row: UserRow): Traveller {
  return {
    id: Number(row.id),
    firstName: row.firstName,
    username: row.username,
    languageCode: row.languageCode,
    blocked: row.blockedAt !== null,
    optedOutOfNews: row.newsOptOutAt !== null,
  };
}

function toJobFacts(row: JobRow, now: Date): JobFacts {
  return {
    status: row.status as JobFacts["status"],
    attempts: row.attempts,
    runAt: row.runAt,
    deadlineAt: row.deadlineAt,
    lastError: row.lastError,
    outcomeUnknownSince: row.outcomeUnknownSince,
    running: row.leaseUntil !== null && row.leaseUntil > now,
  };
}
