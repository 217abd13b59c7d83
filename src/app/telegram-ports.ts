/**
 * The services' Telegram side for messages sent outside updates: deliveries,
 * refunds, operator alerts, lifecycle notifications and broadcasts, all
 * through one throttled, retrying Api (see bot/telegram-api.ts), so together
 * they stay within Telegram's limits.
 */
import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Config } from "../config.ts";
import { TelegramBroadcastMessenger } from "../bot/broadcast-messenger.ts";
import { TelegramLifecycleMessenger } from "../bot/lifecycle-messenger.ts";
import { createBackgroundApi } from "../bot/telegram-api.ts";
import { TelegramNotifier } from "../bot/telegram-notifier.ts";
import { TelegramStarLedger } from "../bot/telegram-star-ledger.ts";
import type { Logger } from "../services/logger.ts";
import type { LifecycleMessenger } from "../services/notifications.ts";
import type { BroadcastMessenger } from "../services/operator/broadcast-sender.ts";
import type { CustomerNotifier, OperatorAlerts, StarLedger, StarRefunds } from "../services/ports.ts";

/** The ports the services talk to Telegram through. */
export interface TelegramPorts {
  /** Buyer messages, operator alerts and Stars refunds. */
  notifier: CustomerNotifier & OperatorAlerts & StarRefunds;
  /** Lifecycle notifications. */
  messenger: LifecycleMessenger;
  /** Broadcasts, their progress and tally. */
  broadcasts: BroadcastMessenger;
  /** The bot's Star transactions. */
  starLedger: StarLedger;
}

/**
 * Builds the ports over one background Api, its calls through `http.fetch`;
 * `http.messagesPerSecond` overrides Telegram's rate for tests only (see createBackgroundApi).
 */
export function createTelegramPorts(config: Config, i18n: I18n<Context>, log: Logger, now: () => Date, http: { fetch: typeof fetch; messagesPerSecond?: number }): TelegramPorts {
  const api = createBackgroundApi(config.botToken, config.telegramApiRoot, http);
  return {
    notifier: new TelegramNotifier(api, i18n, config.adminIds, log.child({ part: "notifier" }), now),
    messenger: new TelegramLifecycleMessenger(api, i18n),
    broadcasts: new TelegramBroadcastMessenger(api, i18n),
    starLedger: new TelegramStarLedger(api),
  };
}
