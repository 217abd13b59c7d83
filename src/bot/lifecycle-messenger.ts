/**
 * Lifecycle notifications in Telegram: activation, low data, expiring soon,
 * expired, each with the next step one tap away, and the reminders ("did it
 * work?", the day before the trip, the travel day; see reminder-views.ts).
 * Sent through an Api instance that is throttled to Telegram's limits and
 * retries 429s.
 */
import type { I18n } from "@grammyjs/i18n";
import { InlineKeyboard, type Api, type Context } from "grammy";
import { formatData } from "../domain/data-amount.ts";
import type { LifecycleNotice } from "../domain/lifecycle.ts";
import { isReminderKind } from "../domain/reminders.ts";
import type { LifecycleMessenger } from "../services/notifications.ts";
import { destinationLabel } from "./destination-labels.ts";
import { RENEW, TOP_UP } from "./callback-data.ts";
import { escapeHtml } from "./html.ts";
import { sendToUser } from "./send-to-user.ts";
import { formatUntil } from "./esim-views.ts";
import { reminderView } from "./reminder-views.ts";
import { destinationFromCode } from "../services/catalog.ts";

/** LifecycleMessenger over the Bot API. */
export class TelegramLifecycleMessenger implements LifecycleMessenger {
  constructor(
    private readonly api: Api,
    private readonly i18n: I18n<Context>,
  ) {}

  async send(notice: LifecycleNotice): Promise<void> {
    const locale = notice.language;
    const t = (key: string, vars?: Record<string, string | number>) => this.i18n.t(locale, key, vars);
    const destination = destinationFromCode(notice.esim.destinationCode);
    const { dataMb, usedMb, expiresAt } = notice.figures;
    const vars = {
      destination: escapeHtml(destinationLabel(destination, locale, t)),
      data: formatData(dataMb),
      left: formatData(Math.max(dataMb - usedMb, 0)),
      until: formatUntil(expiresAt, locale),
    };
    if (isReminderKind(notice.kind)) {
      const view = reminderView(notice.kind, notice.esim.id, vars.destination, { t, locale });
      await sendToUser(() => this.api.sendMessage(notice.chatId, view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
      return;
    }
    const renew = RENEW.data(destination);
    const topUp = TOP_UP.options(notice.esim.id);
    let text: string;
    let keyboard: InlineKeyboard | undefined;
    switch (notice.kind) {
      case "activated":
        text = t("notify-activated", vars);
        break;
      case "data_low":
        text = t("notify-data-low", vars);
        keyboard = new InlineKeyboard().text(t("notify-topup-button"), topUp);
        break;
      case "expiring_soon":
        text = t("notify-expiring-soon", vars);
        keyboard = new InlineKeyboard().text(t("notify-topup-button"), topUp);
        break;
      case "expired":
        text = t(usedMb >= dataMb ? "notify-expired-data" : "notify-expired-time", vars);
        keyboard = new InlineKeyboard().text(t("notify-buy-again-button"), renew);
        break;
    }
    const options = { parse_mode: "HTML" as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
    await sendToUser(() => this.api.sendMessage(notice.chatId, text, options));
  }
}
