/**
 * Refunds are durable intents: deciding to give a payment back records a
 * Refund row (one per payment, never two) in the same transaction as the
 * decision; the Telegram call happens afterwards and may be repeated.
 *
 *   pending ──→ done      (refundStarPayment succeeded, or CHARGE_ALREADY_REFUNDED)
 *      └──────→ failed    (Telegram refused it for good: the operator takes over)
 *   manual                (a card payment: only the operator can refund it)
 */

/** Every refund status. */
export const REFUND_STATUSES = ["pending", "done", "manual", "failed"] as const;
/** One of REFUND_STATUSES. */
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Why the payment is given back, which decides what the payer is told:
 * - order: its order could not be fulfilled;
 * - duplicate: a second payment of an order that was already paid;
 * - unmatched: it names no order of ours, or does not match the order it names.
 */
export type RefundCause = "order" | "duplicate" | "unmatched";

/** A refund intent. */
export interface Refund {
  id: string;
  paymentId: string;
  /** The order whose fulfilment it settles (it becomes refunded with it); null for a payment that was never the order's. */
  orderId: string | null;
  userId: number;
  /** The Telegram charge to refund. */
  chargeId: string;
  currency: string;
  amount: number;
  /** For people: why it is refunded. */
  reason: string;
  status: RefundStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

/** Why a refund is made: it settles an order, or gives back a duplicate or unmatched payment (its status when decided). */
export function refundCause(refund: Pick<Refund, "orderId">, paymentStatusWhenDecided: string): RefundCause {
  if (refund.orderId !== null) return "order";
  return paymentStatusWhenDecided === "duplicate" ? "duplicate" : "unmatched";
}

/** The reason recorded with a refund seen in Telegram's Star ledger that nobody here decided. */
export const LEDGER_REFUND_REASON = "a refund seen in Telegram's Star ledger";
