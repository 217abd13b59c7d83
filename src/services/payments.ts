/**
 * Payments: every decision about money coming in, in one place.
 *
 * - Pre-checkout: cheap checks only (one indexed read and the in-memory
 *   catalog), as Telegram wants an answer within 10 s.
 * - A successful payment (from its update, or found in the Star ledger when
 *   the update was lost) is recorded first, unique on its Telegram charge
 *   id, and checked against the order it names (currency, amount, payer).
 *   In the same transaction: a matching first payment moves its order to
 *   paid with its fulfilment job; a second payment, a payment that does not
 *   match its order and one that names no order get a refund intent
 *   (Stars: the refund worker gives them back; cards: the operator does).
 *   Then the payer hears about it and the workers are woken.
 * - The same charge again changes nothing.
 *
 * No Telegram types here: the bot turns each outcome into a reply.
 */
import { INVOICE_LIFETIME_MS, refundsAutomatically, type Esim, type Order, type Payment } from "../domain/order.ts";
import type { Refund } from "../domain/refund.ts";
import { formatPrice } from "../domain/pricing.ts";
import type { OrdersRepository, PaymentReport } from "../db/orders-repository.ts";
import type { PricedPlan } from "./catalog.ts";
import type { Logger } from "./logger.ts";
import type { CustomerNotifier, FulfilmentWorker, OperatorAlerts, Worker } from "./ports.ts";

/** Why a pre-checkout query is refused; each has a message for the user. */
export type PreCheckoutRefusal = "unknown-order" | "already-paid" | "expired" | "not-sold" | "price-changed" | "wrong-user" | "esim-expired";

/** What Telegram tells us in a pre_checkout_query. */
export interface PreCheckoutQuery {
  orderId: string;
  userId: number;
  currency: string;
  totalAmount: number;
}

/** The answer to a pre-checkout query. */
export type PreCheckoutDecision = { ok: true; order: Order } | { ok: false; reason: PreCheckoutRefusal };

/** A successful payment, and the payer's language (the operator's alert shows the price as the payer saw it). */
export interface SuccessfulPayment extends PaymentReport {
  language: string;
}

/**
 * What became of a successful payment:
 * - recorded: the order is paid and its fulfilment has started;
 * - already-recorded: the same payment was handled before (a repeated update, or the ledger found it first);
 * - duplicate-payment: a second payment of a paid order, to be refunded (`automatic`) or by the operator (the buyer is told by message);
 * - unmatched: the payment names no order of ours (`stray`), or not its order's currency, amount or payer (`mismatch`):
 *   not fulfilled, refunded automatically (Stars) or by the operator (cards).
 */
export type PaymentOutcome =
  | { kind: "recorded"; order: Order }
  | { kind: "already-recorded" }
  | { kind: "duplicate-payment"; automatic: boolean }
  | { kind: "unmatched"; cause: "stray" | "mismatch"; automatic: boolean };

/** Tells the payer what became of their payment (the bot replies in the chat; the ledger tells nobody). */
export type TellPayer = (outcome: PaymentOutcome) => Promise<void>;

/** What the payments service needs. */
export interface PaymentsDeps {
  orders: OrdersRepository;
  esims: { find(id: string): Promise<Esim | null> };
  catalog: { plan(planId: string): PricedPlan | undefined };
  notifier: Pick<CustomerNotifier, "tellDuplicatePayment">;
  operator: Pick<OperatorAlerts, "refundNeeded" | "unmatchedPayment">;
  fulfilment: FulfilmentWorker;
  /** The refund worker, woken when a Stars refund is decided. */
  refundWorker: Worker;
  log: Logger;
  now: () => Date;
  /** How long a paid order may take to fulfil before it is reconciled. */
  fulfilmentDeadlineMs: number;
}

/** Pre-checkout decisions and every outcome of a successful payment. */
export class PaymentsService {
  constructor(private readonly deps: PaymentsDeps) {}

  /** Cheap checks for answerPreCheckoutQuery: the order exists, is the payer's, unpaid and unexpired, at an unchanged price and still sold. */
  async checkPreCheckout(query: PreCheckoutQuery): Promise<PreCheckoutDecision> {
    const order = await this.deps.orders.find(query.orderId);
    if (!order) return { ok: false, reason: "unknown-order" };
    if (order.userId !== query.userId) return { ok: false, reason: "wrong-user" };
    const tooOld = this.deps.now().getTime() - order.createdAt.getTime() > INVOICE_LIFETIME_MS;
    if (order.status === "expired" || (order.status === "awaiting_payment" && tooOld)) return { ok: false, reason: "expired" };
    if (order.status !== "awaiting_payment") return { ok: false, reason: "already-paid" };
    const plan = this.deps.catalog.plan(order.planId);
    if (!plan) return { ok: false, reason: "not-sold" };
    if (
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
   * Records a successful payment first, with what it decides; then tells the
   * payer (`tellPayer`, awaited) before anything slower starts: fulfilment
   * of a new order, the refund worker, the operator's alerts.
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
        const automatic = await this.#settleDuplicate(result.order, result.payment, result.refund);
        return this.#told(tellPayer, { kind: "duplicate-payment", automatic });
      }
      case "mismatch":
      case "stray": {
        const automatic = refundsAutomatically(result.payment.currency);
        const outcome = { kind: "unmatched", cause: result.kind, automatic } as const;
        const reason = result.refund.reason;
        this.deps.log.warn({ cause: result.kind, paymentId: result.payment.id, orderId: result.payment.orderId, userId: payment.userId, reason }, "payment not fulfilled: refunding it");
        await this.#tellThen(tellPayer, outcome, () => this.#afterUnmatched(payment, result.refund, automatic));
        return outcome;
      }
    }
  }

  /** Wakes the refund worker (Stars), else hands the second payment to the operator and tells the buyer; true when automatic. */
  async #settleDuplicate(order: Order, payment: Payment, refund: Refund): Promise<boolean> {
    if (refund.status === "pending") {
      this.deps.refundWorker.kick();
      return true;
    }
    await this.deps.operator.refundNeeded(order, payment, refund.reason);
    await this.deps.notifier.tellDuplicatePayment(order, payment, false);
    return false;
  }

  async #afterUnmatched(payment: SuccessfulPayment, refund: Refund, automatic: boolean): Promise<void> {
    if (automatic) this.deps.refundWorker.kick();
    await this.deps.operator.unmatchedPayment({
      payload: payment.orderId,
      userId: payment.userId,
      price: formatPrice(payment.amount, payment.currency, payment.language),
      chargeId: payment.telegramChargeId,
      reason: refund.reason,
      automatic,
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
