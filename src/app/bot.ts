/** Builds the Telegram bot on the services (see bot/create-bot.ts for what it does). */
import type { I18n } from "@grammyjs/i18n";
import type { Bot, Context } from "grammy";
import type { Config } from "../config.ts";
import type { BotContext } from "../bot/context.ts";
import { createBot } from "../bot/create-bot.ts";
import type { StorageAdapter } from "grammy";
import type { ConversationState } from "../bot/create-bot.ts";
import type { UsersRepository } from "../db/users-repository.ts";
import type { LanguagePreferences } from "../services/languages.ts";
import type { Logger } from "../services/logger.ts";
import { UserService } from "../services/users.ts";
import type { LoadedCatalog } from "./resources.ts";
import type { Services } from "./services.ts";
import type { DashboardLinks } from "../bot/features/admin/dashboard-command.ts";

/** What the bot is built on. */
export interface BotInputs {
  config: Config;
  services: Services;
  catalog: LoadedCatalog;
  users: UsersRepository;
  languages: LanguagePreferences;
  i18n: I18n<Context>;
  /** Conversation state (see app.ts: conversationStoreFor). */
  conversations: StorageAdapter<ConversationState>;
  log: Logger;
  now: () => Date;
  /** `/dashboard`'s sign-in links. */
  dashboardLinks: DashboardLinks;
  /** The HTTP client of Bot API calls. */
  fetch: typeof fetch;
}

/** The bot, not started (the app's background parts start polling). */
export function buildBot(inputs: BotInputs): Bot<BotContext> {
  const { config, services, catalog } = inputs;
  return createBot({
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    fetch: inputs.fetch,
    log: inputs.log,
    i18n: inputs.i18n,
    languages: inputs.languages,
    users: new UserService(inputs.users, inputs.now),
    catalog: catalog.catalog,
    orders: services.orders,
    balance: services.balance,
    now: inputs.now,
    searchDestinations: catalog.searchDestinations,
    paymentProviderToken: config.payments.providerToken,
    payments: services.payments,
    reminders: services.reminders,
    conversationStorage: inputs.conversations,
    operator: services.operator,
    dashboard: inputs.dashboardLinks,
  });
}
