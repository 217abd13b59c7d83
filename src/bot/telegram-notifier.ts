/**
 * Messages sent outside a chat update (fulfilment and refunds run in the
 * background): eSIM delivery (with "When do you leave?" after it), "being
 * prepared", "still being sorted out", refunds, operator alerts, and Stars
 * refunds. Implements the services' ports with the Bot API and the locales.
 */
import type { I18n } from "@grammyjs/i18n";
import { GrammyError, InlineKeyboard, type Api, type Context } from "grammy";
import { formatData } from "../domain/data-amount.ts";
import type { Esim, Order, Payment } from "../domain/order.ts";
import { formatPrice } from "../domain/pricing.ts";
import type { Logger } from "../services/logger.ts";
import {
  RefundRefusedError,
  type CustomerNotifier,
  type DeliveryProgress,
  type OperatorAlerts,
  type StarRefundResult,
  type StarRefunds,
  type UnmatchedPaymentReport,
} from "../services/ports.ts";
import { ADMIN_ORDER, MY_ESIMS } from "./callback-data.ts";
import { sendInSteps } from "./delivery-steps.ts";
import { sendEsimDetails, sendEsimQr } from "./esim-install.ts";
import { balanceCard } from "./esim-views.ts";
import { escapeHtml } from "./html.ts";
import { sendToUser } from "./send-to-user.ts";
import { tripQuestionView } from "./trip-date-views.ts";
import type { Translate } from "./view-locale.ts";

/** CustomerNotifier, OperatorAlerts and StarRefunds over the Bot API. */
export class TelegramNotifier implements CustomerNotifier, OperatorAlerts, StarRefunds {
  constructor(
    private readonly api: Api,
    private readonly i18n: I18n<Context>,
    private readonly adminIds: readonly number[],
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deliverEsim(order: Order, esim: Esim, progress?: DeliveryProgress): Promise<void> {
    const t = this.#t(order.languageCode);
    await sendInSteps(
      [
        () => sendToUser(() => sendEsimQr(this.api, order.chatId, esim, t)),
        () => sendToUser(() => sendEsimDetails(this.api, order.chatId, esim, t)),
        () => this.#askTripDate(order, esim, t),
      ],
      progress,
    );
  }

  /** The eSIM is delivered by now: a question that fails to go out must not make fulfilment try again. */
  async #askTripDate(order: Order, esim: Esim, t: Translate): Promise<void> {
    const question = tripQuestionView({ t, locale: order.languageCode }, esim.id, this.now());
    await this.api
      .sendMessage(order.chatId, question.text, { parse_mode: "HTML", reply_markup: question.keyboard })
      .catch((error: unknown) => this.log.warn({ err: error, orderId: order.id }, "could not ask for the trip date"));
  }

  async confirmTopUp(order: Order, esim: Esim, progress?: DeliveryProgress): Promise<void> {
    const l = { t: this.#t(order.languageCode), locale: order.languageCode };
    const text = [
      l.t("topup-applied", { data: formatData(order.dataMb), days: order.validityDays }),
      "",
      balanceCard(esim, l, this.now()),
    ].join("\n");
    const keyboard = new InlineKeyboard().text(l.t("mysims-open-button"), MY_ESIMS.card(esim.id));
    await sendInSteps([() => sendToUser(() => this.api.sendMessage(order.chatId, text, { parse_mode: "HTML", reply_markup: keyboard }))], progress);
  }

  async tellPreparing(order: Order): Promise<void> {
    const key = order.topUpEsimId ? "topup-preparing" : "delivery-preparing";
    await sendToUser(() => this.api.sendMessage(order.chatId, this.#t(order.languageCode)(key)));
  }

  async tellStillReconciling(order: Order): Promise<void> {
    await this.#toBuyer(order, order.topUpEsimId ? "topup-reconciling" : "delivery-reconciling");
  }

  async tellRefunded(order: Order, automatic: boolean): Promise<void> {
    const kind = order.topUpEsimId ? "topup-refund" : "refund";
    await this.#toBuyer(order, `${kind}-${automatic ? "automatic" : "manual"}`);
  }

  async tellHandedToOperator(order: Order): Promise<void> {
    await this.#toBuyer(order, order.topUpEsimId ? "topup-handed-to-operator" : "delivery-handed-to-operator");
  }

  async tellDuplicatePayment(order: Order, payment: Payment, automatic: boolean): Promise<void> {
    const t = this.#t(order.languageCode);
    const text = t(automatic ? "payment-duplicate-refunded" : "payment-duplicate-manual", {
      order: order.id,
      price: formatPrice(payment.amount, payment.currency, order.languageCode),
    });
    await sendToUser(() => this.api.sendMessage(order.chatId, text));
  }

  async tellUnmatchedRefunded(payment: Payment, order: Order | null): Promise<void> {
    // Payments happen in the payer's private chat; a stray one has no order to take the language from.
    const locale = order?.languageCode ?? "en";
    const t = this.#t(locale);
    const text = t("refund-unmatched-done", { price: formatPrice(payment.amount, payment.currency, locale) });
    await sendToUser(() => this.api.sendMessage(payment.userId, text));
  }

  async refundNeeded(order: Order | null, payment: Payment, reason: string): Promise<void> {
    await this.#toAdmins("admin-refund-needed", { ...this.#paymentFacts(order, payment), reason: escapeHtml(reason) }, order?.id ?? payment.orderId);
  }

  async unmatchedPayment(report: UnmatchedPaymentReport): Promise<void> {
    await this.#toAdmins("admin-unmatched-payment", {
      payload: escapeHtml(report.payload),
      user: String(report.userId),
      price: report.price,
      charge: escapeHtml(report.chargeId),
      reason: escapeHtml(report.reason),
      automatic: report.automatic ? "yes" : "no",
    });
  }

  async orderUnresolved(order: Order, stage: "reconciling" | "handed-over", reason: string): Promise<void> {
    await this.#toAdmins(
      stage === "reconciling" ? "admin-order-reconciling" : "admin-order-handed-over",
      { order: order.id, user: String(order.userId), price: formatPrice(order.amount, order.currency, "en"), reason: escapeHtml(reason) },
      order.id,
    );
  }

  async refundFailed(payment: Payment, order: Order | null, reason: string): Promise<void> {
    await this.#toAdmins("admin-refund-failed", { ...this.#paymentFacts(order, payment), reason: escapeHtml(reason) }, order?.id ?? payment.orderId);
  }

  async refundMadeElsewhere(payment: Payment, order: Order | null): Promise<void> {
    await this.#toAdmins("admin-refund-elsewhere", { ...this.#paymentFacts(order, payment), status: order?.status ?? "no order" }, order?.id ?? payment.orderId);
  }

  async refundStarPayment(userId: number, telegramChargeId: string): Promise<StarRefundResult> {
    try {
      await this.api.refundStarPayment(userId, telegramChargeId);
      return "refunded";
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      // A refund that already happened (e.g. before a crash, or answered with an error) is what we wanted.
      if (error.description.includes("CHARGE_ALREADY_REFUNDED")) return "already-refunded";
      // Telegram documents no other refund errors; any other 400 means "not refundable as asked".
      if (error.error_code === 400) throw new RefundRefusedError(`refundStarPayment: ${error.description}`, { cause: error });
      throw error;
    }
  }

  #paymentFacts(order: Order | null, payment: Payment): Record<string, string> {
    return {
      order: order?.id ?? "—",
      user: String(payment.userId),
      price: formatPrice(payment.amount, payment.currency, "en"),
      charge: escapeHtml(payment.telegramChargeId),
    };
  }

  /** One of the order's messages with its plan and price, in the buyer's language. */
  async #toBuyer(order: Order, key: string): Promise<void> {
    const text = this.#t(order.languageCode)(key, {
      plan: escapeHtml(order.planName),
      price: formatPrice(order.amount, order.currency, order.languageCode),
    });
    await sendToUser(() => this.api.sendMessage(order.chatId, text, { parse_mode: "HTML" }));
  }

  #t(locale: string) {
    return (key: string, variables?: Record<string, string | number>) => this.i18n.t(locale, key, variables);
  }

  /** Alerts every operator; with an order, a button under it opens the order's card. */
  async #toAdmins(key: string, variables: Record<string, string>, orderId: string | null = null): Promise<void> {
    const text = this.i18n.t("en", key, variables);
    const markup = orderId ? { reply_markup: new InlineKeyboard().text(this.i18n.t("en", "order-open"), ADMIN_ORDER.card(orderId)) } : {};
    for (const adminId of this.adminIds) {
      await this.api
        .sendMessage(adminId, text, { parse_mode: "HTML", ...markup })
        .catch((error: unknown) => this.log.error({ err: error, adminId }, "could not alert an admin"));
    }
    if (this.adminIds.length === 0) this.log.warn({ key }, "operator alert with no ADMIN_IDS configured");
  }
}
