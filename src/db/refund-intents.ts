/**
 * Recording a refund intent, inside the transaction that decides it (a
 * payment's recording, or fulfilment giving up on an order). One intent per
 * payment: Refund.paymentId is unique, so a second decision fails the
 * transaction instead of refunding twice.
 */
import { newId } from "../domain/ids.ts";
import { refundsAutomatically, type Payment } from "../domain/order.ts";
import type { Refund, RefundStatus } from "../domain/refund.ts";
import { toRefund } from "./money-rows.ts";
import type { ShopTransaction } from "./prisma-types.ts";

/** What the decision says. */
export interface RefundDecision {
  /** The order the refund settles, or null for a payment that was never its order's (duplicate, unmatched). */
  orderId: string | null;
  reason: string;
  now: Date;
}

/**
 * Inserts the intent: `pending` for Stars (the refund worker calls
 * refundStarPayment after commit), `manual` for cards (only the operator
 * can refund them; the payment is marked needs_operator).
 */
export async function insertRefundIntent(tx: ShopTransaction, payment: Payment, decision: RefundDecision): Promise<Refund> {
  const status: RefundStatus = refundsAutomatically(payment.currency) ? "pending" : "manual";
  const row = await tx.refund.create({
    data: {
      id: newId("rfd"),
      paymentId: payment.id,
      orderId: decision.orderId,
      userId: BigInt(payment.userId),
      chargeId: payment.telegramChargeId,
      currency: payment.currency,
      amount: payment.amount,
      reason: decision.reason.slice(0, 500),
      status,
      nextAttemptAt: decision.now,
      // The services' clock, which the give-up window is counted on.
      createdAt: decision.now,
    },
  });
  if (status === "manual") await tx.payment.update({ where: { id: payment.id }, data: { status: "needs_operator" } });
  return toRefund(row);
}
