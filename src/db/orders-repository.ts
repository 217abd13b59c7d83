/**
 * Orders, payments and fulfilment jobs. Recording a payment, moving its order
 * to "paid" and creating the fulfilment job happen in one transaction, so a
 * payment is never recorded without the job that fulfils it.
 */
import type { Order, OrderStatus, Payment } from "../domain/order.ts";
import { newId } from "../domain/ids.ts";
import { isUniqueViolation, type ShopPrisma } from "./prisma-types.ts";

/** Fields of a new order. */
export type NewOrder = Omit<Order, "status" | "createdAt" | "paidAt" | "deliveredAt" | "refundedAt" | "topUpEsimId"> & {
  topUpEsimId?: string;
};

/** A successful_payment as Telegram reported it. */
export interface PaymentReport {
  orderId: string;
  userId: number;
  telegramChargeId: string;
  providerChargeId: string | null;
  currency: string;
  amount: number;
}

/**
 * - recorded: first payment of the order; the order is paid and its job created.
 * - already-recorded: this charge was seen before (a duplicate update).
 * - duplicate-payment: a second charge for an order that was already paid (an old invoice paid again).
 * - unknown-order: the payload names no order of ours.
 */
export type RecordPaymentResult =
  | { kind: "recorded"; order: Order; payment: Payment }
  | { kind: "already-recorded"; payment: Payment }
  | { kind: "duplicate-payment"; order: Order; payment: Payment }
  | { kind: "unknown-order" };

type OrderRow = Awaited<ReturnType<ShopPrisma["order"]["findUniqueOrThrow"]>>;
type PaymentRow = Awaited<ReturnType<ShopPrisma["payment"]["findUniqueOrThrow"]>>;

/** Orders and payments in the shop's database. */
export class OrdersRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly now: () => Date,
  ) {}

  /** Stores a new order awaiting payment. */
  async create(order: NewOrder): Promise<Order> {
    const row = await this.prisma.order.create({
      data: {
        ...order,
        userId: BigInt(order.userId),
        chatId: BigInt(order.chatId),
        status: "awaiting_payment" satisfies OrderStatus,
      },
    });
    return toOrder(row);
  }

  /** The order with this id, or null. */
  async find(id: string): Promise<Order | null> {
    const row = await this.prisma.order.findUnique({ where: { id } });
    return row ? toOrder(row) : null;
  }

  /** The captured payment of an order (the one to refund), or null. */
  async capturedPayment(orderId: string): Promise<Payment | null> {
    const row = await this.prisma.payment.findFirst({
      where: { orderId, status: { in: ["captured", "refunded", "refund_pending"] } },
      orderBy: { createdAt: "asc" },
    });
    return row ? toPayment(row) : null;
  }

  /** Records a payment first, then moves the order on; idempotent on the charge id. */
  async recordPayment(report: PaymentReport, fulfilment: { deadlineAt: Date }): Promise<RecordPaymentResult> {
    const existing = await this.prisma.payment.findUnique({ where: { telegramChargeId: report.telegramChargeId } });
    if (existing) return { kind: "already-recorded", payment: toPayment(existing) };
    const now = this.now();
    try {
      return await this.prisma.$transaction(async (tx) => {
        const order = await tx.order.findUnique({ where: { id: report.orderId } });
        if (!order) return { kind: "unknown-order" } as const;
        // Conditional update: only one payment can move an order out of awaiting_payment.
        const moved = await tx.order.updateMany({
          where: { id: report.orderId, status: "awaiting_payment" },
          data: { status: "paid", paidAt: now },
        });
        const payment = await tx.payment.create({
          data: {
            id: newId("pay"),
            telegramChargeId: report.telegramChargeId,
            providerChargeId: report.providerChargeId,
            orderId: report.orderId,
            userId: BigInt(report.userId),
            currency: report.currency,
            amount: report.amount,
            status: moved.count === 1 ? "captured" : "duplicate",
          },
        });
        if (moved.count === 0) return { kind: "duplicate-payment", order: toOrder(order), payment: toPayment(payment) };
        await tx.fulfilmentJob.create({
          data: { orderId: report.orderId, status: "pending", runAt: now, deadlineAt: fulfilment.deadlineAt },
        });
        const paid = await tx.order.findUniqueOrThrow({ where: { id: report.orderId } });
        return { kind: "recorded", order: toOrder(paid), payment: toPayment(payment) };
      });
    } catch (error) {
      // Two deliveries of the same update raced past the lookup above: the loser sees the winner's row.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.prisma.payment.findUniqueOrThrow({ where: { telegramChargeId: report.telegramChargeId } });
      return { kind: "already-recorded", payment: toPayment(winner) };
    }
  }

  /** Sets a payment's status (refunded, refund_pending). */
  async setPaymentStatus(paymentId: string, status: Payment["status"]): Promise<void> {
    await this.prisma.payment.update({ where: { id: paymentId }, data: { status } });
  }

  /** Moves a paid order to delivered, refunded or refund_pending. */
  async settle(orderId: string, status: "delivered" | "refunded" | "refund_pending"): Promise<Order> {
    const now = this.now();
    const row = await this.prisma.order.update({
      where: { id: orderId },
      data: {
        status,
        ...(status === "delivered" ? { deliveredAt: now } : {}),
        ...(status === "refunded" ? { refundedAt: now } : {}),
      },
    });
    return toOrder(row);
  }
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    userId: Number(row.userId),
    chatId: Number(row.chatId),
    planId: row.planId,
    planName: row.planName,
    destinationCode: row.destinationCode,
    dataMb: row.dataMb,
    validityDays: row.validityDays,
    costUsdCents: row.costUsdCents,
    currency: row.currency,
    amount: row.amount,
    status: row.status as OrderStatus,
    languageCode: row.languageCode,
    createdAt: row.createdAt,
    paidAt: row.paidAt,
    deliveredAt: row.deliveredAt,
    refundedAt: row.refundedAt,
    topUpEsimId: row.topUpEsimId,
  };
}

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    telegramChargeId: row.telegramChargeId,
    providerChargeId: row.providerChargeId,
    orderId: row.orderId,
    userId: Number(row.userId),
    currency: row.currency,
    amount: row.amount,
    status: row.status as Payment["status"],
    createdAt: row.createdAt,
  };
}
