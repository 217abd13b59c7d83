/**
 * Rows of the money tables (Order, Payment, Refund) mapped to the domain's
 * types: BigInt ids to numbers, status strings to their unions.
 */
import type { Order, OrderStatus, Payment, PaymentStatus } from "../domain/order.ts";
import type { Refund, RefundStatus } from "../domain/refund.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** An Order row as Prisma returns it. */
export type OrderRow = Awaited<ReturnType<ShopPrisma["order"]["findUniqueOrThrow"]>>;
/** A Payment row as Prisma returns it. */
export type PaymentRow = Awaited<ReturnType<ShopPrisma["payment"]["findUniqueOrThrow"]>>;
/** A Refund row as Prisma returns it. */
export type RefundRow = Awaited<ReturnType<ShopPrisma["refund"]["findUniqueOrThrow"]>>;

/** An Order row as the domain's Order. */
export function toOrder(row: OrderRow): Order {
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

/** A Payment row as the domain's Payment. */
export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    telegramChargeId: row.telegramChargeId,
    providerChargeId: row.providerChargeId,
    orderId: row.orderId,
    userId: Number(row.userId),
    currency: row.currency,
    amount: row.amount,
    status: row.status as PaymentStatus,
    createdAt: row.createdAt,
  };
}

/** A Refund row as the domain's Refund. */
export function toRefund(row: RefundRow): Refund {
  return {
    id: row.id,
    paymentId: row.paymentId,
    orderId: row.orderId,
    userId: Number(row.userId),
    chargeId: row.chargeId,
    currency: row.currency,
    amount: row.amount,
    reason: row.reason,
    status: row.status as RefundStatus,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
    doneAt: row.doneAt,
  };
}
