/**
 * The composition root: config → database → provider → catalog → services →
 * bot → background parts. `createApp` opens and builds everything; `start`
 * runs the background parts and `stop` stops all of it, last started first
 * (see app/parts.ts). Tests start the same app main.ts starts.
 */
import type { Config } from "./config.ts";
import { createI18n } from "./bot/i18n.ts";
import { describeDatabase } from "./db/client.ts";
import { UsersRepository, type UsersRepositoryOptions } from "./db/users-repository.ts";
import { ownedConversationStore, sharedConversationStore, type ConversationStore } from "./db/conversation-store.ts";
import type { StateDatabase } from "./db/conversation-storage.ts";
import type { ConversationState } from "./bot/create-bot.ts";
import { createProvider } from "./providers/create-provider.ts";
import type { TickReport } from "./scheduler/lifecycle-scheduler.ts";
import { LanguagePreferences } from "./services/languages.ts";
import type { Logger } from "./services/logger.ts";
import { backgroundParts } from "./app/background.ts";
import { Agent } from "undici";
import { buildBot } from "./app/bot.ts";
import { botApiFetch } from "./http/bot-api-fetch.ts";
import { Parts } from "./app/parts.ts";
import { loadCatalog, openDatabase } from "./app/resources.ts";
import { buildServices } from "./app/services.ts";
import type { SenderOptions } from "./app/operator.ts";
import type { UpdateWorkerOptions } from "./services/update-workers.ts";
import { createTelegramPorts } from "./app/telegram-ports.ts";
import { buildDashboard } from "./app/dashboard.ts";

/** A built application. */
export interface App {
  /** Starts the background parts, Telegram polling last. If one fails, everything is stopped and the error thrown. */
  start(): Promise<void>;
  /** Stops everything and closes connections; safe to call twice. */
  stop(): Promise<void>;
  /** The sandbox provider's base URL when ESIM_PROVIDER=sandbox. */
  readonly sandboxUrl: string | undefined;
  /** Base URL of the HTTP server on this machine once started (WEBHOOK_PORT, or webhook mode), e.g. http://127.0.0.1:8443. */
  readonly webhookUrl: string | undefined;
  /** Base URL of the operator dashboard on this machine once started (its pages are under /dashboard). */
  readonly dashboardUrl: string | undefined;
  /** Runs one lifecycle tick now (tests; production ticks on POLL_CRON). */
  tickLifecycle(): Promise<TickReport>;
}

/** Knobs for tests; production uses the defaults. */
export interface AppOptions {
  log: Logger;
  now?: () => Date;
  /** How often the fulfilment loop looks for due jobs. Default 1 s. */
  fulfilmentIntervalMs?: number;
  /** PostgreSQL schema (tests use one per run). */
  pgSchema?: string;
  /** Overrides Telegram's 30 messages a second for background sends (tests against the emulator only). */
  backgroundMessagesPerSecond?: number;
  /** Broadcast pacing (tests: a short lease to see abandoned sends settled); production uses the defaults. */
  broadcastSender?: Partial<SenderOptions>;
  /** How long a claimed fulfilment job stays claimed (tests: a killed instance's jobs are taken over sooner). */
  fulfilmentLeaseMs?: number;
  /** Likewise for a claimed refund intent and the Star ledger's reading lease (tests); default 2 minutes each. */
  refundLeaseMs?: number;
  ledgerLeaseMs?: number;
  /** Webhook mode's update workers (tests: a short lease to see a killed instance's updates taken over); production uses the defaults. */
  updateWorkers?: Partial<UpdateWorkerOptions>;
  /** Where the dashboard's start-up sign-in link is printed; default stderr (never the log: the link is a secret). */
  announce?: (line: string) => void;
}

/** Users whose rows the polling process keeps in memory (about 200 bytes each). */
const CACHED_USERS = 50_000;

/**
 * Long polling: this process alone handles updates and writes users, so it
 * may answer from memory. Webhook mode: any instance may handle a chat's next
 * update, so every instance reads the database.
 */
export function usersCache(config: Pick<Config, "telegramWebhook">): UsersRepositoryOptions {
  return config.telegramWebhook ? {} : { cachedUsers: CACHED_USERS };
}

/** JSON characters of conversation state the polling process keeps in memory. */
const CACHED_CONVERSATION_CHARS = 32_000_000;

/** Conversation state: kept in memory by the one polling process, read from the database by every webhook instance (same reason as {@link usersCache}). */
export function conversationStoreFor<T = ConversationState>(config: Pick<Config, "telegramWebhook">, db: StateDatabase): ConversationStore<T> {
  return config.telegramWebhook ? sharedConversationStore<T>(db) : ownedConversationStore<T>(db, { maxCachedChars: CACHED_CONVERSATION_CHARS });
}

/** Builds the application: opens and migrates the database, starts the provider (and sandbox), loads the catalog. */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const parts = new Parts(log);
  log.info(
    { database: describeDatabase(config.databaseUrl), provider: config.provider.kind, currency: config.payments.currency },
    `starting: ${describeDatabase(config.databaseUrl)}, provider ${config.provider.kind}, prices in ${config.payments.currency}`,
  );
  try {
    const db = await parts.open("database", () => openDatabase(config, options.pgSchema, log), (db) => db.close());
    const upstream = await parts.open("provider", () => createProvider(config.provider, log.child({ part: "provider" })), (p) => p.close());
    const catalog = await loadCatalog(upstream.provider, config, log);

    const users = new UsersRepository(db.prisma, usersCache(config));
    const languages = new LanguagePreferences(users);
    const i18n = createI18n(languages);
    // One keep-alive connection pool for every Bot API call; closed after everything that calls Telegram has stopped.
    const botApi = await parts.open("Bot API connections", async () => new Agent({ keepAliveTimeout: 30_000 }), (agent) => agent.close());
    const fetch = botApiFetch(botApi);
    const telegram = createTelegramPorts(config, i18n, log, now, { fetch, messagesPerSecond: options.backgroundMessagesPerSecond });
    const fulfilmentIntervalMs = options.fulfilmentIntervalMs ?? 1_000;
    const { broadcastSender, fulfilmentLeaseMs, refundLeaseMs, ledgerLeaseMs } = options;
    const leases = { fulfilmentLeaseMs, refundLeaseMs, ledgerLeaseMs };
    const services = buildServices({ config, db, provider: upstream.provider, catalog: catalog.catalog, users, telegram, log, now, fulfilmentIntervalMs, ...leases, broadcastSender });
    const announce = options.announce ?? ((line: string) => void process.stderr.write(`${line}
`));
    const dashboard = buildDashboard({ config, db, services, provider: upstream.provider, telegram, i18n, log, now, announce });
    const conversations = conversationStoreFor(config, db);
    const bot = buildBot({ config, services, catalog, users, languages, i18n, conversations: conversations.adapter, log, now, dashboardLinks: dashboard.links, fetch });
    const background = backgroundParts({
      config,
      services,
      catalog,
      bot,
      i18n,
      db,
      sweepConversations: conversations.sweep,
      provider: upstream.provider,
      log,
      now,
      updateWorkers: options.updateWorkers,
      extraRoutes: dashboard.sharedRoutes,
    });
    dashboard.useSharedServer(() => background.webhookUrl);

    return {
      sandboxUrl: upstream.sandboxUrl,
      get webhookUrl() {
        return background.webhookUrl;
      },
      get dashboardUrl() {
        return dashboard.url;
      },
      tickLifecycle: () => background.tickLifecycle(),
      // The dashboard first: it serves while the bot waits for Telegram.
      start: () => parts.start(...dashboard.parts, ...background.parts),
      stop: () => parts.stop(),
    };
  } catch (error) {
    await parts.stop();
    throw error;
  }
}
