/**
 * What services need from the outside world that is not the database or the
 * provider: telling people things, refunding Stars, and waking the
 * fulfilment worker. The bot implements the first ones with the Bot API, the
 * scheduler the last; tests may implement them with fakes.
 */
import type { Esim, Order, Payment } from "../domain/order.ts";

/** Messages to a buyer about their order. */
export interface CustomerNotifier {
  /** Sends the eSIM: QR image, SM-DP+ address and activation code, install help. */
  deliverEsim(order: Order, esim: Esim): Promise<void>;
  /** A top-up was applied: the eSIM's new balance. */
  confirmTopUp(order: Order, esim: Esim): Promise<void>;
  /** "Your eSIM (or top-up) is being prepared": sent once, when the first attempt fails. */
  tellPreparing(order: Order): Promise<void>;
  /** The order could not be fulfilled; `automatic` says whether the refund already happened. */
  tellRefunded(order: Order, automatic: boolean): Promise<void>;
  /** A second payment for an already paid order was refunded (or handed to the operator). */
  tellDuplicatePayment(order: Order, payment: Payment, automatic: boolean): Promise<void>;
}

/** Messages to the operator (ADMIN_IDS). */
export interface OperatorAlerts {
  /** A card payment needs a manual refund. */
  refundNeeded(order: Order, payment: Payment, reason: string): Promise<void>;
  /** A payment arrived for an order we do not know (Stars are refunded automatically). */
  unknownPayment(report: { payload: string; userId: number; price: string; chargeId: string }): Promise<void>;
}

/** Refunds Telegram Stars payments. */
export interface StarRefunds {
  refundStarPayment(userId: number, telegramChargeId: string): Promise<void>;
}

/** The background worker that runs fulfilment jobs (it also looks for due jobs on its own timer). */
export interface FulfilmentWorker {
  /** Runs due jobs now, e.g. right after a payment was recorded. */
  kick(): void;
}

/** Thrown by a CustomerNotifier when the user blocked the bot: retrying will not help. */
export class RecipientUnreachableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RecipientUnreachableError";
  }
}
