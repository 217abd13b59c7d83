/**
 * Payments: every decision about money coming in, in one place.
 *
 * - Pre-checkout: cheap checks only (one indexed read and the in-memory
 *   catalog), as Telegram wants an answer within 10 s.
 * - A successful payment is recorded first, unique on its Telegram charge id,
 *   together with the order's move to paid and its fulfilment job; then the
 *   payer hears about it and fulfilment is woken.
 * - The same update again changes nothing.
 * - A second payment of an order that was already paid (an old invoice paid
 *   again) is refunded (Stars) or handed to the operator (cards).
 * - A payment that names no order of ours is refunded (Stars) or handed to
 *   the operator (cards).
 *
 * No Telegram types here: the bot turns each outcome into a reply.
 */
import type { Esim, Order, Payment } from "../domain/order.ts";
import { refundsAutomatically } from "../domain/order.ts";
import { formatPrice } from "../domain/pricing.ts";
import type { OrdersRepository, PaymentReport } from "../db/orders-repository.ts";
import type { PricedPlan } from "./catalog.ts";
import type { Logger } from "./logger.ts";
import type { CustomerNotifier, FulfilmentWorker, OperatorAlerts, StarRefunds } from "./ports.ts";

/** Why a pre-checkout query is refused; each has a message for the user. */
export type PreCheckoutRefusal = "unknown-order" | "already-paid" | "not-sold" | "price-changed" | "wrong-user" | "esim-expired";

/** What Telegram tells us in a pre_checkout_query. */
export interface PreCheckoutQuery {
  orderId: string;
  userId: number;
  currency: string;
  totalAmount: number;
}

/** The answer to a pre-checkout query. */
export type PreCheckoutDecision = { ok: true; order: Order } | { ok: false; reason: PreCheckoutRefusal };

/** A successful_payment, and the payer's language (the operator's alert shows the price as the payer saw it). */
export interface SuccessfulPayment extends PaymentReport {
  language: string;
}

/**
 * What became of a successful payment:
 * - recorded: the order is paid and its fulfilment has started;
 * - already-recorded: the same payment was handled before (a repeated update);
 * - duplicate-payment: a second payment of a paid order, refunded or handed to the operator (the buyer is told by message);
 * - unknown-order: the payment names no order of ours, refunded or handed to the operator.
 */
export type PaymentOutcome =
  | { kind: "recorded"; order: Order }
  | { kind: "already-recorded" }
  | { kind: "duplicate-payment"; refunded: boolean }
  | { kind: "unknown-order"; refunded: boolean };

/** Tells the payer what became of their payment (the bot replies in the chat). */
export type TellPayer = (outcome: PaymentOutcome) => Promise<void>;

/** What the payments service needs. */
export interface PaymentsDeps {
  orders: OrdersRepository;
  esims: { find(id: string): Promise<Esim | null> };
  catalog: { plan(planId: string): PricedPlan | undefined };
  refunds: StarRefunds;
  notifier: Pick<CustomerNotifier, "tellDuplicatePayment">;
  operator: OperatorAlerts;
  fulfilment: FulfilmentWorker;
  log: Logger;
  now: () => Date;
  /** How long a paid order may take to fulfil before it is refunded. */
  fulfilmentDeadlineMs: number;
}

/** Invoices older than this must be started again (prices may have moved). */
const INVOICE_LIFETIME_MS = 24 * 60 * 60_000;

/** Pre-checkout decisions and every outcome of a successful payment. */
export class PaymentsService {
  constructor(private readonly deps: PaymentsDeps) {}

  /** Cheap checks for answerPreCheckoutQuery: the order exists, is the payer's, unpaid, at an unchanged price and still sold. */
  async checkPreCheckout(query: PreCheckoutQuery): Promise<PreCheckoutDecision> {
    const order = await this.deps.orders.find(query.orderId);
    if (!order) return { ok: false, reason: "unknown-order" };
    if (order.userId !== query.userId) return { ok: false, reason: "wrong-user" };
    if (order.status !== "awaiting_payment") return { ok: false, reason: "already-paid" };
    const plan = this.deps.catalog.plan(order.planId);
    if (!plan) return { ok: false, reason: "not-sold" };
    const expired = this.deps.now().getTime() - order.createdAt.getTime() > INVOICE_LIFETIME_MS;
    if (
      expired ||
      plan.price !== order.amount ||
      plan.currency !== order.currency ||
      query.currency !== order.currency ||
      query.totalAmount !== order.amount
    ) {
      return { ok: false, reason: "price-changed" };
    }
    if (order.topUpEsimId !== null) {
      // The eSIM may have expired since the invoice was sent: nothing would be left to top up.
      const esim = await this.deps.esims.find(order.topUpEsimId);
      if (!esim || esim.status === "expired") return { ok: false, reason: "esim-expired" };
    }
    return { ok: true, order };
  }

  /**
   * Records a successful payment first, settles what needs settling, then
   * tells the payer (`tellPayer`, awaited) before anything slower starts:
   * fulfilment of a new order, the operator's alert about an unknown one.
   */
  async takePayment(payment: SuccessfulPayment, tellPayer: TellPayer): Promise<PaymentOutcome> {
    const deadlineAt = new Date(this.deps.now().getTime() + this.deps.fulfilmentDeadlineMs);
    const result = await this.deps.orders.recordPayment(payment, { deadlineAt });
    switch (result.kind) {
      case "recorded": {
        const outcome = { kind: "recorded", order: result.order } as const;
        // Told first, so "payment received" comes before the eSIM; woken even if the chat is gone.
        await this.#tellThen(tellPayer, outcome, async () => this.deps.fulfilment.kick());
        return outcome;
      }
      case "already-recorded":
        return this.#told(tellPayer, { kind: "already-recorded" });
      case "duplicate-payment": {
        const refunded = await this.#settleDuplicate(result.order, result.payment);
        return this.#told(tellPayer, { kind: "duplicate-payment", refunded });
      }
      case "unknown-order": {
        const refunded = refundsAutomatically(payment.currency);
        if (refunded) await this.deps.refunds.refundStarPayment(payment.userId, payment.telegramChargeId);
        const outcome = { kind: "unknown-order", refunded } as const;
        await this.#tellThen(tellPayer, outcome, () => this.#reportUnknown(payment));
        return outcome;
      }
    }
  }

  /** Refunds a second payment of a paid order (Stars), else hands it to the operator; true when refunded. */
  async #settleDuplicate(order: Order, payment: Payment): Promise<boolean> {
    const { orders, refunds, notifier, operator, log } = this.deps;
    if (refundsAutomatically(payment.currency)) {
      try {
        await refunds.refundStarPayment(payment.userId, payment.telegramChargeId);
        await orders.setPaymentStatus(payment.id, "refunded");
        await notifier.tellDuplicatePayment(order, payment, true);
        return true;
      } catch (error) {
        log.error({ err: error, orderId: order.id, paymentId: payment.id }, "refund of a duplicate payment failed");
      }
    }
    await orders.setPaymentStatus(payment.id, "refund_pending");
    await operator.refundNeeded(order, payment, "a second payment for an order that was already paid");
    await notifier.tellDuplicatePayment(order, payment, false);
    return false;
  }

  #reportUnknown(payment: SuccessfulPayment): Promise<void> {
    return this.deps.operator.unknownPayment({
      payload: payment.orderId,
      userId: payment.userId,
      price: formatPrice(payment.amount, payment.currency, payment.language),
      chargeId: payment.telegramChargeId,
    });
  }

  async #told(tellPayer: TellPayer, outcome: PaymentOutcome): Promise<PaymentOutcome> {
    await tellPayer(outcome);
    return outcome;
  }

  /** Tells the payer, then runs `next` whether or not the payer could be told. */
  async #tellThen(tellPayer: TellPayer, outcome: PaymentOutcome, next: () => Promise<void>): Promise<void> {
    try {
      await tellPayer(outcome);
    } finally {
      await next();
    }
  }
}
