/**
 * The services' Telegram side for messages sent outside updates: deliveries,
 * refunds, operator alerts and lifecycle notifications, all through one
 * throttled, retrying Api (see bot/telegram-api.ts).
 */
import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Config } from "../config.ts";
import { TelegramLifecycleMessenger } from "../bot/lifecycle-messenger.ts";
import { createBackgroundApi } from "../bot/telegram-api.ts";
import { TelegramNotifier } from "../bot/telegram-notifier.ts";
import { TelegramStarLedger } from "../bot/telegram-star-ledger.ts";
import type { Logger } from "../services/logger.ts";
import type { LifecycleMessenger } from "../services/notifications.ts";
import type { CustomerNotifier, OperatorAlerts, StarLedger, StarRefunds } from "../services/ports.ts";

/** The ports the services talk to Telegram through. */
export interface TelegramPorts {
  /** Buyer messages, operator alerts and Stars refunds. */
  notifier: CustomerNotifier & OperatorAlerts & StarRefunds;
  /** Lifecycle notifications. */
  messenger: LifecycleMessenger;
  /** The bot's Star transactions. */
  starLedger: StarLedger;
}

/** Builds the ports over one background Api. */
export function createTelegramPorts(config: Config, i18n: I18n<Context>, log: Logger, now: () => Date): TelegramPorts {
  const api = createBackgroundApi(config.botToken, config.telegramApiRoot);
  return {
    notifier: new TelegramNotifier(api, i18n, config.adminIds, log.child({ part: "notifier" }), now),
    messenger: new TelegramLifecycleMessenger(api, i18n),
    starLedger: new TelegramStarLedger(api),
  };
}
