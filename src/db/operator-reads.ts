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
import type { SalesOrderRow } from "../domain/sales.ts";
import type { AuditRepository } from "./audit-repository.ts";
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
    private readonly audit: AuditRepository,
  ) {}

  /** Orders paid, delivered or refunded since `from` (indexed on each). */
  async salesRows(from: Date): Promise<SalesOrderRow[]> {
    const rows = await this.prisma.order.findMany({
      where: { OR: [{ paidAt: { gte: from } }, { deliveredAt: { gte: from } }, { refundedAt: { gte: from } }] },
      select: { destinationCode: true, status: true, currency: true, amount: true, costUsdCents: true, paidAt: true, deliveredAt: true, refundedAt: true },
    });
    return rows.map((row) => ({ ...row, status: row.status as OrderStatus }));
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
    const byKey = new Map<string, AttentionRow>();
    const add = (orderId: string | null, chargeId: string | null, reason: AttentionReason, since: Date) => {
      const key = orderId ?? `charge:${chargeId}`;
      const row = byKey.get(key) ?? { orderId, chargeId: orderId ? null : chargeId, reasons: [], since };
      if (!row.reasons.includes(reason)) row.reasons.push(reason);
      if (since > row.since) row.since = since;
      byKey.set(key, row);
    };
    const [late, handedOver, refunds] = await Promise.all([
      this.prisma.fulfilmentJob.findMany({
        where: { status: "pending", deadlineAt: { lt: now }, order: { status: "paid" } },
        select: { orderId: true, deadlineAt: true },
        take: MAX_ROWS,
      }),
      this.prisma.order.findMany({ where: { status: "needs_operator" }, select: { id: true, updatedAt: true }, take: MAX_ROWS }),
      this.prisma.refund.findMany({
        where: {
          OR: [{ status: { in: ["failed", "manual"] } }, { reason: LEDGER_REFUND_REASON, createdAt: { gte: new Date(now.getTime() - ELSEWHERE_WINDOW_MS) } }],
        },
        select: { status: true, reason: true, updatedAt: true, orderId: true, chargeId: true, payment: { select: { orderId: true } } },
        take: MAX_ROWS,
      }),
    ]);
    for (const job of late) add(job.orderId, null, "late", job.deadlineAt);
    for (const order of handedOver) add(order.id, null, "needs-operator", order.updatedAt);
    for (const refund of refunds) {
      const reason: AttentionReason = refund.status === "failed" ? "refund-failed" : refund.status === "manual" ? "refund-manual" : "refunded-elsewhere";
      add(refund.orderId ?? refund.payment.orderId, refund.chargeId, reason, refund.updatedAt);
    }
    return this.#unresolved([...byKey.values()]);
  }

  async #unresolved(rows: AttentionRow[]): Promise<AttentionRow[]> {
    const orderIds = rows.flatMap((row) => (row.orderId ? [row.orderId] : []));
    const resolved = await this.prisma.order.findMany({ where: { id: { in: orderIds }, resolvedAt: { not: null } }, select: { id: true, resolvedAt: true } });
    const resolvedAt = new Map(resolved.map((row) => [row.id, row.resolvedAt!]));
    return rows
      .filter((row) => {
        const at = row.orderId ? resolvedAt.get(row.orderId) : undefined;
        return at === undefined || at < row.since;
      })
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
