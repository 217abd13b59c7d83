/**
 * Orders and their payments. Recording a payment is one transaction with
 * whatever it decides: the order's move to "paid" and its fulfilment job, or
 * (a second payment, a payment that does not match its order, one that names
 * no order) a refund intent. Every move of an order is a conditional update
 * from the statuses the domain's state machine allows, so an illegal move
 * changes nothing.
 */
import {
  INVOICE_LIFETIME_MS,
  MAX_OPEN_ORDERS_PER_USER,
  paymentMismatch,
  statusesBefore,
  type Order,
  type OrderStatus,
  type Payment,
  type PaymentStatus,
} from "../domain/order.ts";
import { newId } from "../domain/ids.ts";
import type { Refund } from "../domain/refund.ts";
import { toOrder, toPayment } from "./money-rows.ts";
import { isUniqueViolation, type ShopPrisma, type ShopTransaction } from "./prisma-types.ts";
import { insertRefundIntent } from "./refund-intents.ts";

/** Fields of a new order. */
export type NewOrder = Omit<Order, "status" | "createdAt" | "paidAt" | "deliveredAt" | "refundedAt" | "topUpEsimId"> & {
  topUpEsimId?: string;
};

/** A successful_payment as Telegram reported it (an update, or the Star ledger). */
export interface PaymentReport {
  /** The invoice payload: our order id, if it is one. */
  orderId: string;
  userId: number;
  telegramChargeId: string;
  providerChargeId: string | null;
  currency: string;
  amount: number;
}

/**
 * - recorded: first payment of the order; the order is paid and its job created.
 * - already-recorded: this charge was seen before (a duplicate update, or the ledger and the update both).
 * - duplicate-payment: a second charge for an order that was already paid (an old invoice paid again).
 * - mismatch: the charge names our order but its currency, amount or payer differ.
 * - stray: the payload names no order of ours.
 * The last three carry the refund intent recorded with them.
 */
export type RecordPaymentResult =
  | { kind: "recorded"; order: Order; payment: Payment }
  | { kind: "already-recorded"; payment: Payment }
  | { kind: "duplicate-payment"; order: Order; payment: Payment; refund: Refund }
  | { kind: "mismatch"; order: Order; payment: Payment; refund: Refund; reason: string }
  | { kind: "stray"; payment: Payment; refund: Refund };

/** Orders and payments in the shop's database. */
export class OrdersRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly now: () => Date,
    /** Written on new orders (ESIM_PROVIDER), so the dashboard can filter by provider. */
    private readonly providerKind: string | null = null,
  ) {}

  /**
   * Stores a new order awaiting payment. A user keeps at most
   * MAX_OPEN_ORDERS_PER_USER open ones: the oldest beyond that expire, so
   * their invoices are refused at pre-checkout. An order with this id that
   * is stored already is returned as it is: the request that made it was
   * handled again (ids derive from requests, see OrderService).
   */
  async create(order: NewOrder): Promise<Order> {
    const stored = await this.find(order.id);
    if (stored) return stored;
    try {
      return await this.#insert(order);
    } catch (error) {
      // Handled twice at once: the other handler's order stands.
      const winner = isUniqueViolation(error) ? await this.find(order.id) : null;
      if (!winner) throw error;
      return winner;
    }
  }

  #insert(order: NewOrder): Promise<Order> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.order.create({
        data: {
          ...order,
          userId: BigInt(order.userId),
          chatId: BigInt(order.chatId),
          status: "awaiting_payment" satisfies OrderStatus,
          provider: this.providerKind,
        },
      });
      const beyondCap = await tx.order.findMany({
        where: { userId: row.userId, status: "awaiting_payment", id: { not: row.id } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: MAX_OPEN_ORDERS_PER_USER - 1,
        select: { id: true },
      });
      if (beyondCap.length > 0) await expire(tx, { id: { in: beyondCap.map((o) => o.id) } });
      return toOrder(row);
    });
  }

  /** Expires unpaid orders older than an invoice's lifetime; returns how many. */
  async expireUnpaid(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - INVOICE_LIFETIME_MS);
    return expire(this.prisma, { createdAt: { lt: cutoff } });
  }

  /** The order with this id, or null. */
  async find(id: string): Promise<Order | null> {
    const row = await this.prisma.order.findUnique({ where: { id } });
    return row ? toOrder(row) : null;
  }

  /** The order's own payment (the one fulfilment delivers or refunds), while it is still kept. */
  async capturedPayment(orderId: string): Promise<Payment | null> {
    const row = await this.prisma.payment.findFirst({ where: { orderId, status: "captured" satisfies PaymentStatus } });
    return row ? toPayment(row) : null;
  }

  /** The payment of a Telegram charge, or null. */
  async paymentByCharge(telegramChargeId: string): Promise<Payment | null> {
    const row = await this.prisma.payment.findUnique({ where: { telegramChargeId } });
    return row ? toPayment(row) : null;
  }

  /**
   * Records a payment first, then what it decides, in one transaction;
   * idempotent on the charge id. The payment is checked against the order it
   * names (currency, amount, payer): only a matching first payment pays it.
   */
  async recordPayment(report: PaymentReport, fulfilment: { deadlineAt: Date }): Promise<RecordPaymentResult> {
    const existing = await this.paymentByCharge(report.telegramChargeId);
    if (existing) return { kind: "already-recorded", payment: existing };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.prisma.$transaction((tx) => this.#record(tx, report, fulfilment.deadlineAt));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Two deliveries of the same charge raced past the lookup above: the loser sees the winner's row.
        const winner = await this.paymentByCharge(report.telegramChargeId);
        if (winner) return { kind: "already-recorded", payment: winner };
        // Else a new payer's user row was created meanwhile: once more finds it.
        if (attempt === 2) throw error;
      }
    }
  }

  async #record(tx: ShopTransaction, report: PaymentReport, deadlineAt: Date): Promise<RecordPaymentResult> {
    const now = this.now();
    // The payer may be unknown to us (a payment found in the ledger, a forged payer): a user row first.
    await tx.user.upsert({ where: { id: BigInt(report.userId) }, update: {}, create: { id: BigInt(report.userId), firstName: "" } });
    const orderRow = await tx.order.findUnique({ where: { id: report.orderId } });
    if (!orderRow) {
      const payment = await insertPayment(tx, report, null, "stray");
      const refund = await insertRefundIntent(tx, payment, { orderId: null, reason: "the payment names no order of ours", now });
      return { kind: "stray", payment, refund };
    }
    const order = toOrder(orderRow);
    const mismatch = paymentMismatch(order, report);
    if (mismatch) {
      const payment = await insertPayment(tx, report, order.id, "mismatch");
      const refund = await insertRefundIntent(tx, payment, { orderId: null, reason: `the payment does not match its order: ${mismatch}`, now });
      return { kind: "mismatch", order, payment, refund, reason: mismatch };
    }
    // Conditional update: only one payment can move an order to paid.
    const moved = await tx.order.updateMany({
      where: { id: order.id, status: { in: statusesBefore("paid") } },
      data: { status: "paid" satisfies OrderStatus, paidAt: now },
    });
    if (moved.count === 0) {
      const payment = await insertPayment(tx, report, order.id, "duplicate");
      const refund = await insertRefundIntent(tx, payment, { orderId: null, reason: "a second payment for an order that was already paid", now });
      return { kind: "duplicate-payment", order, payment, refund };
    }
    const payment = await insertPayment(tx, report, order.id, "captured");
    await tx.fulfilmentJob.create({ data: { orderId: order.id, status: "pending", runAt: now, deadlineAt } });
    const paid = await tx.order.findUniqueOrThrow({ where: { id: order.id } });
    return { kind: "recorded", order: toOrder(paid), payment };
  }

  /** Moves a paid order to delivered; false when it is not paid (any more). */
  async markDelivered(orderId: string): Promise<boolean> {
    const moved = await this.prisma.order.updateMany({
      where: { id: orderId, status: { in: statusesBefore("delivered") } },
      data: { status: "delivered" satisfies OrderStatus, deliveredAt: this.now() },
    });
    return moved.count === 1;
  }
}

/** Unpaid orders matching `where` become expired; returns how many. */
async function expire(db: ShopPrisma | ShopTransaction, where: { id?: { in: string[] }; createdAt?: { lt: Date } }): Promise<number> {
  const expired = await db.order.updateMany({
    where: { ...where, status: { in: statusesBefore("expired") } },
    data: { status: "expired" satisfies OrderStatus },
  });
  return expired.count;
}

async function insertPayment(tx: ShopTransaction, report: PaymentReport, orderId: string | null, status: PaymentStatus): Promise<Payment> {
  const row = await tx.payment.create({
    data: {
      id: newId("pay"),
      telegramChargeId: report.telegramChargeId,
      providerChargeId: report.providerChargeId,
      orderId,
      userId: BigInt(report.userId),
      currency: report.currency,
      amount: report.amount,
      status,
    },
  });
  return toPayment(row);
}
