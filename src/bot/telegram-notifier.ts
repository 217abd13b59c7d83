/**
 * Messages sent outside a chat update (fulfilment runs in the background):
 * eSIM delivery, "being prepared", refunds, operator alerts, and Stars refunds.
 * Implements the services' ports with the Bot API and the locales.
 */
import type { I18n } from "@grammyjs/i18n";
import { GrammyError, InlineKeyboard, InputFile, type Api, type Context } from "grammy";
import QRCode from "qrcode";
import { appleInstallUrl, lpaString } from "../domain/lpa.ts";
import type { Esim, Order, Payment } from "../domain/order.ts";
import { formatPrice } from "../domain/pricing.ts";
import type { Logger } from "../services/logger.ts";
import {
  RecipientUnreachableError,
  type CustomerNotifier,
  type OperatorAlerts,
  type StarRefunds,
} from "../services/ports.ts";
import { escapeHtml } from "./html.ts";

/** Renders the QR image of an LPA string (PNG). */
export function renderQrPng(lpa: string): Promise<Buffer> {
  return QRCode.toBuffer(lpa, { type: "png", width: 600, margin: 2, errorCorrectionLevel: "M" });
}

/** CustomerNotifier, OperatorAlerts and StarRefunds over the Bot API. */
export class TelegramNotifier implements CustomerNotifier, OperatorAlerts, StarRefunds {
  constructor(
    private readonly api: Api,
    private readonly i18n: I18n<Context>,
    private readonly adminIds: readonly number[],
    private readonly log: Logger,
  ) {}

  async deliverEsim(order: Order, esim: Esim): Promise<void> {
    const t = this.#t(order.languageCode);
    const details = { smdpAddress: esim.smdpAddress, matchingId: esim.matchingId };
    const png = await renderQrPng(lpaString(details));
    await this.#toUser(() =>
      this.api.sendPhoto(order.chatId, new InputFile(png, "esim-qr.png"), {
        caption: t("delivery-caption", { plan: escapeHtml(order.planName) }),
        parse_mode: "HTML",
      }),
    );
    await this.#toUser(() =>
      this.api.sendMessage(
        order.chatId,
        t("delivery-details", {
          smdp: escapeHtml(esim.smdpAddress),
          code: escapeHtml(esim.matchingId),
          days: esim.validityDays,
          iccidTail: esim.iccid.slice(-4),
        }),
        {
          parse_mode: "HTML",
          reply_markup: new InlineKeyboard().url(t("delivery-install-iphone"), appleInstallUrl(details)),
          link_preview_options: { is_disabled: true },
        },
      ),
    );
  }

  async tellPreparing(order: Order): Promise<void> {
    await this.#toUser(() => this.api.sendMessage(order.chatId, this.#t(order.languageCode)("delivery-preparing")));
  }

  async tellRefunded(order: Order, automatic: boolean): Promise<void> {
    const t = this.#t(order.languageCode);
    const text = t(automatic ? "refund-automatic" : "refund-manual", {
      plan: escapeHtml(order.planName),
      price: formatPrice(order.amount, order.currency, order.languageCode),
    });
    await this.#toUser(() => this.api.sendMessage(order.chatId, text, { parse_mode: "HTML" }));
  }

  async tellDuplicatePayment(order: Order, payment: Payment, automatic: boolean): Promise<void> {
    const t = this.#t(order.languageCode);
    const text = t(automatic ? "payment-duplicate-refunded" : "payment-duplicate-manual", {
      order: order.id,
      price: formatPrice(payment.amount, payment.currency, order.languageCode),
    });
    await this.#toUser(() => this.api.sendMessage(order.chatId, text));
  }

  async refundNeeded(order: Order, payment: Payment, reason: string): Promise<void> {
    await this.#toAdmins("admin-refund-needed", {
      order: order.id,
      user: String(order.userId),
      price: formatPrice(payment.amount, payment.currency, "en"),
      charge: escapeHtml(payment.telegramChargeId),
      reason: escapeHtml(reason),
    });
  }

  async unknownPayment(report: { payload: string; userId: number; price: string; chargeId: string }): Promise<void> {
    await this.#toAdmins("admin-unknown-payment", {
      payload: escapeHtml(report.payload),
      user: String(report.userId),
      price: report.price,
      charge: escapeHtml(report.chargeId),
    });
  }

  async refundStarPayment(userId: number, telegramChargeId: string): Promise<void> {
    try {
      await this.api.refundStarPayment(userId, telegramChargeId);
    } catch (error) {
      // A refund that already happened (e.g. before a crash) is what we wanted.
      if (error instanceof GrammyError && error.description.includes("CHARGE_ALREADY_REFUNDED")) return;
      throw error;
    }
  }

  #t(locale: string) {
    return (key: string, variables?: Record<string, string | number>) => this.i18n.t(locale, key, variables);
  }

  async #toUser<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 403) {
        throw new RecipientUnreachableError(error.description, { cause: error });
      }
      throw error;
    }
  }

  async #toAdmins(key: string, variables: Record<string, string>): Promise<void> {
    const text = this.i18n.t("en", key, variables);
    for (const adminId of this.adminIds) {
      await this.api
        .sendMessage(adminId, text, { parse_mode: "HTML" })
        .catch((error: unknown) => this.log.error({ err: error, adminId }, "could not alert an admin"));
    }
    if (this.adminIds.length === 0) this.log.warn({ key }, "operator alert with no ADMIN_IDS configured");
  }
}
