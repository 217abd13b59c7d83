/**
 * Read-only queries for the operator's reconcile report: payments, refunds
 * and orders of a period, and payments and refunds by Telegram charge id.
 * Nothing here writes.
 */
import type { Order, Payment } from "../domain/order.ts";
import type { Refund } from "../domain/refund.ts";
import { toOrder, toPayment, toRefund } from "./money-rows.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** An order with what the report checks it against: its job's deadline and whether an eSIM was stored. */
export interface OrderFacts {
  order: Order;
  deadlineAt: Date | null;
  hasEsim: boolean;
}

/** The reads of the reconcile report. */
export class ReconcileReads {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Payments recorded since `from`. */
  async paymentsSince(from: Date): Promise<Payment[]> {
    const rows = await this.prisma.payment.findMany({ where: { createdAt: { gte: from } }, orderBy: { createdAt: "asc" } });
    return rows.map(toPayment);
  }

  /** The payments of these charges, whenever they were recorded. */
  async paymentsByCharge(chargeIds: string[]): Promise<Payment[]> {
    if (chargeIds.length === 0) return [];
    const rows = await this.prisma.payment.findMany({ where: { telegramChargeId: { in: chargeIds } } });
    return rows.map(toPayment);
  }

  /** Refunds decided since `from`, or done since then. */
  async refundsSince(from: Date): Promise<Refund[]> {
    const rows = await this.prisma.refund.findMany({ where: { OR: [{ createdAt: { gte: from } }, { doneAt: { gte: from } }] } });
    return rows.map(toRefund);
  }

  /** The refunds of these charges, whenever they were decided. */
  async refundsByCharge(chargeIds: string[]): Promise<Refund[]> {
    if (chargeIds.length === 0) return [];
    const rows = await this.prisma.refund.findMany({ where: { chargeId: { in: chargeIds } } });
    return rows.map(toRefund);
  }

  /** Orders created since `from`, with their job's deadline and whether they have an eSIM. */
  async ordersSince(from: Date): Promise<OrderFacts[]> {
    const rows = await this.prisma.order.findMany({
      where: { createdAt: { gte: from } },
      include: { job: { select: { deadlineAt: true } }, esim: { select: { id: true } } },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((row) => ({ order: toOrder(row), deadlineAt: row.job?.deadlineAt ?? null, hasEsim: row.esim !== null }));
  }
}
