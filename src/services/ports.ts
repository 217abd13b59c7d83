/**
 * What services need from the outside world that is not the database or the
 * provider: telling people things, refunding Stars, reading the Star ledger,
 * and waking the background workers. The bot implements the first ones with
 * the Bot API, the app's loops the last; tests may implement them with fakes.
 */
import type { Esim, Order, Payment } from "../domain/order.ts";

/**
 * How far a delivery of several messages got, kept by its fulfilment job:
 * the notifier skips the messages already accepted and records each one as
 * Telegram accepts it, so a retry (or another process after a crash) sends
 * only what is missing. A crash can then repeat at most the one message that
 * was in flight. Without it (an operator's resend) every message is sent.
 */
export interface DeliveryProgress {
  /** How many of the delivery's messages, in order, Telegram accepted already. */
  readonly sent: number;
  /** Records that the first `sent` messages were accepted; throws when it could not (the job was lost, the database failed): stop sending then. */
  record(sent: number): Promise<void>;
}

/** Messages to a buyer about their order or payment. */
export interface CustomerNotifier {
  /** Sends the eSIM, in this order: QR image; SM-DP+ address, activation code and install help; the trip-date question. */
  deliverEsim(order: Order, esim: Esim, progress?: DeliveryProgress): Promise<void>;
  /** A top-up was applied: the eSIM's new balance. */
  confirmTopUp(order: Order, esim: Esim, progress?: DeliveryProgress): Promise<void>;
  /** "Your eSIM (or top-up) is being prepared": sent once, when the first attempt fails. */
  tellPreparing(order: Order): Promise<void>;
  /** "Still being sorted out with the provider": sent once, at the deadline, when the outcome is still unknown. */
  tellStillReconciling(order: Order): Promise<void>;
  /** The order could not be fulfilled; `automatic`: the Stars are back, else the team will refund the card payment. */
  tellRefunded(order: Order, automatic: boolean): Promise<void>;
  /** The outcome stayed unknown through the reconcile window: the team takes it over. */
  tellHandedToOperator(order: Order): Promise<void>;
  /** A second payment for an already paid order was refunded (`automatic`) or will be by the team. */
  tellDuplicatePayment(order: Order, payment: Payment, automatic: boolean): Promise<void>;
  /** A payment that matched no order (or not its order) has been refunded; `order` is the one it named, if any. */
  tellUnmatchedRefunded(payment: Payment, order: Order | null): Promise<void>;
}

/** What the operator reads about a payment that matched no order (or not its order). */
export interface UnmatchedPaymentReport {
  /** The invoice payload it carried. */
  payload: string;
  userId: number;
  /** The amount as the payer saw it, e.g. "500 ⭐". */
  price: string;
  chargeId: string;
  reason: string;
  /** Stars: refunded by the shop; cards: the operator must refund it. */
  automatic: boolean;
}

/** Messages to the operator (ADMIN_IDS). */
export interface OperatorAlerts {
  /** A card payment needs a manual refund (`order`: the order it belongs to, if any). */
  refundNeeded(order: Order | null, payment: Payment, reason: string): Promise<void>;
  /** A payment named no order of ours, or did not match its order. */
  unmatchedPayment(report: UnmatchedPaymentReport): Promise<void>;
  /** An order's upstream outcome is unknown: still reconciling at the deadline, or handed over at the end of the window. */
  orderUnresolved(order: Order, stage: "reconciling" | "handed-over", reason: string): Promise<void>;
  /** Telegram refused a Stars refund for good: the operator must settle it. */
  refundFailed(payment: Payment, order: Order | null, reason: string): Promise<void>;
  /** Telegram's ledger shows a refund the shop did not make (e.g. refunded with the bot token elsewhere). */
  refundMadeElsewhere(payment: Payment, order: Order | null): Promise<void>;
}

/** What Telegram answered to a Stars refund that went through. */
export type StarRefundResult = "refunded" | "already-refunded";

/** Refunds Telegram Stars payments. */
export interface StarRefunds {
  /**
   * Refunds a charge; "already-refunded" (CHARGE_ALREADY_REFUNDED) is a
   * success too. Throws RefundRefusedError when Telegram refuses for good,
   * anything else when the call may have failed in passing.
   */
  refundStarPayment(userId: number, telegramChargeId: string): Promise<StarRefundResult>;
}

/** Telegram refused a refund for good (e.g. it does not know the charge for this user): retrying will not help. */
export class RefundRefusedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RefundRefusedError";
  }
}

/**
 * One transaction of the bot's Star balance, oldest first:
 * - in: Stars received; `payment` is set for a user's invoice payment;
 * - out: Stars sent; `refundTo` is the user a refund went to (the id is the refunded charge's).
 */
export type StarLedgerEntry =
  | { direction: "in"; id: string; amount: number; date: Date; payment: { userId: number; invoicePayload: string } | null }
  | { direction: "out"; id: string; amount: number; date: Date; refundTo: number | null };

/** The bot's Star transactions (getStarTransactions). */
export interface StarLedger {
  /** Up to `limit` transactions after skipping `offset`, oldest first. */
  transactions(offset: number, limit: number): Promise<StarLedgerEntry[]>;
}

/** A background worker that also looks for due work on its own timer. */
export interface Worker {
  /** Runs due work now, e.g. right after a payment was recorded. */
  kick(): void;
}

/** The background worker that runs fulfilment jobs. */
export type FulfilmentWorker = Worker;

/** Thrown by a CustomerNotifier when the user blocked the bot: retrying will not help. */
export class RecipientUnreachableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RecipientUnreachableError";
  }
}
