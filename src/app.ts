/**
 * The composition root: config → database → provider → catalog → services →
 * bot → runner and background loops. `createApp` builds everything and
 * `start`/`stop` run it, so tests start the same app main.ts starts.
 */
import { run, type RunnerHandle } from "@grammyjs/runner";
import { ConfigError, type Config } from "./config.ts";
import { ProviderAuthError } from "./providers/errors.ts";
import { createDatabase, parseDatabaseUrl, type Database } from "./db/client.ts";
import { createConversationStorageAdapter, deleteConversationStatesOlderThan } from "./db/conversation-storage.ts";
import { LifecycleRepository } from "./db/lifecycle-repository.ts";
import { NotificationsRepository } from "./db/notifications-repository.ts";
import { EsimsRepository } from "./db/esims-repository.ts";
import { JobsRepository } from "./db/jobs-repository.ts";
import { applyMigrations } from "./db/migrate.ts";
import { OrdersRepository } from "./db/orders-repository.ts";
import { UsersRepository } from "./db/users-repository.ts";
import { createDestinationIndex, type DestinationIndex } from "./domain/destinations/index.ts";
import { createProvider } from "./providers/create-provider.ts";
import { CONVERSATION_WAIT_MS, createBot } from "./bot/create-bot.ts";
import { TelegramLifecycleMessenger } from "./bot/lifecycle-messenger.ts";
import { createI18n } from "./bot/i18n.ts";
import { TelegramNotifier } from "./bot/telegram-notifier.ts";
import { createBackgroundApi } from "./bot/telegram-api.ts";
import { CatalogRefresher } from "./scheduler/catalog-refresh.ts";
import { startJobLoop, type JobLoop } from "./scheduler/job-loop.ts";
import { startLifecycleScheduler, type LifecycleScheduler, type TickReport } from "./scheduler/lifecycle-scheduler.ts";
import { LifecycleService } from "./services/lifecycle.ts";
import { NotificationSender } from "./services/notifications.ts";
import { CatalogService } from "./services/catalog.ts";
import { FulfilmentService } from "./services/fulfilment.ts";
import { LanguagePreferences } from "./services/languages.ts";
import type { Logger } from "./services/logger.ts";
import { OrderService } from "./services/orders.ts";
import { PaymentsService } from "./services/payments.ts";
import { BalanceService } from "./services/balance.ts";
import { BackgroundDrain } from "./services/background-drain.ts";
import { ProviderEventService } from "./services/provider-events.ts";
import { startWebhookServer, type WebhookServer } from "./server/webhook-server.ts";
import { registerProviderWebhook } from "./server/webhook-registration.ts";

/** A built application. */
export interface App {
  /** Starts polling Telegram and the background loops. */
  start(): Promise<void>;
  /** Stops everything and closes connections; safe to call twice. */
  stop(): Promise<void>;
  /** The sandbox provider's base URL when ESIM_PROVIDER=sandbox. */
  readonly sandboxUrl: string | undefined;
  /** Base URL of the webhook server on this machine once started with WEBHOOK_PORT (e.g. http://127.0.0.1:8443). */
  readonly webhookUrl: string | undefined;
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
}

/** While the catalog is empty (provider down at start), how often to try again. */
const CATALOG_RETRY_MS = 30_000;

/** Builds the application: opens and migrates the database, starts the sandbox, loads the catalog. */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const cleanup: Array<() => Promise<void>> = [];

  try {
    const db: Database = createDatabase(config.databaseUrl, { pgSchema: options.pgSchema });
    cleanup.push(() => db.close());
    const target = parseDatabaseUrl(config.databaseUrl);
    const migrated = await applyMigrations(options.pgSchema ? { ...target, schema: options.pgSchema } : target);
    if (migrated.applied.length) log.info({ applied: migrated.applied }, "database migrated");

    const started = await createProvider(config.provider, log.child({ part: "provider" }));
    cleanup.push(() => started.close());
    const { provider, sandboxUrl } = started;

    const catalog = new CatalogService(provider, config.payments, log.child({ part: "catalog" }));
    let index: DestinationIndex = createDestinationIndex([]);
    const refresher = new CatalogRefresher(catalog, () => (index = createDestinationIndex(catalog.destinations())), log);
    try {
      await catalog.refresh();
      index = createDestinationIndex(catalog.destinations());
    } catch (error) {
      // A refused key will not fix itself: stop with one line for the operator.
      if (error instanceof ProviderAuthError) throw new ConfigError([`PROVIDER_API_KEY is refused by the provider: ${error.message}`]);
      log.error({ err: error }, "catalog unavailable at start; retrying every 30 s");
    }

    const users = new UsersRepository(db.prisma);
    const orders = new OrdersRepository(db.prisma, now);
    const languages = new LanguagePreferences(users);
    const i18n = createI18n(languages);

    // Background messages use their own Api instance, throttled to Telegram's limits.
    const api = createBackgroundApi(config.botToken, config.telegramApiRoot);
    const notifier = new TelegramNotifier(api, i18n, config.adminIds, log.child({ part: "notifier" }), now);

    const esims = new EsimsRepository(db.prisma);
    const lifecycle = new LifecycleService({
      repo: new LifecycleRepository(db.prisma, db.provider),
      provider,
      policy: { lowDataPercent: config.lifecycle.lowDataPercent, expiryWarningHours: config.lifecycle.expiryWarningHours },
      log: log.child({ part: "lifecycle" }),
      now,
    });
    const notifications = new NotificationSender({
      outbox: new NotificationsRepository(db.prisma, db.provider),
      users,
      messenger: new TelegramLifecycleMessenger(api, i18n),
      log: log.child({ part: "notifications" }),
      now,
    });
    // Webhooks and balance refreshes record notifications between ticks: send them at once.
    const sendNotificationsSoon = new BackgroundDrain(() => notifications.drain(), log.child({ part: "notifications" }));

    let fulfilmentLoop: JobLoop | undefined;
    const fulfilment = new FulfilmentService({
      orders,
      jobs: new JobsRepository(db.prisma, db.provider),
      esims,
      provider,
      readings: lifecycle,
      notifier,
      operator: notifier,
      refunds: notifier,
      log: log.child({ part: "fulfilment" }),
      now,
      firstRetryMs: config.fulfilment.firstRetryMs,
    });
    const orderService = new OrderService(orders, esims, catalog);
    const payments = new PaymentsService({
      orders,
      esims,
      catalog,
      refunds: notifier,
      notifier,
      operator: notifier,
      fulfilment: { kick: () => fulfilmentLoop?.kick() },
      log: log.child({ part: "payments" }),
      now,
      fulfilmentDeadlineMs: config.fulfilment.deadlineMs,
    });
    const balance = new BalanceService({
      esims,
      provider,
      readings: lifecycle,
      onNotificationsQueued: () => sendNotificationsSoon.kick(),
      cacheMs: config.balanceCacheMs,
      log: log.child({ part: "balance" }),
      now,
    });

    const providerEvents = new ProviderEventService({ esims, provider, lifecycle, log: log.child({ part: "webhooks" }) });

    let webhookServer: WebhookServer | undefined;
    let scheduler: LifecycleScheduler | undefined;
    const bot = createBot({
      token: config.botToken,
      apiRoot: config.telegramApiRoot,
      log,
      i18n,
      languages,
      users,
      catalog,
      orders: orderService,
      balance,
      now,
      searchDestinations: (query, language) => index.search(query, language),
      paymentProviderToken: config.payments.providerToken,
      payments,
      conversationStorage: createConversationStorageAdapter(db.prisma),
    });

    let runner: RunnerHandle | undefined;
    let stopped = false;

    return {
      sandboxUrl,
      get webhookUrl() {
        return webhookServer?.url;
      },
      tickLifecycle() {
        if (!scheduler) throw new Error("the app is not started");
        return scheduler.tick();
      },
      async start() {
        await bot.init();
        // Pending fulfilments from before a restart resume on the loop's first run.
        fulfilmentLoop = startJobLoop({
          name: "fulfilment",
          intervalMs: options.fulfilmentIntervalMs ?? 1_000,
          work: () => fulfilment.runDue(),
          log,
        });
        refresher.start(config.catalogRefreshMs, CATALOG_RETRY_MS);
        scheduler = startLifecycleScheduler({
          cron: config.lifecycle.cron,
          concurrency: config.lifecycle.concurrency,
          lifecycle,
          notifications,
          sweepConversations: () =>
            deleteConversationStatesOlderThan(db.prisma, new Date(now().getTime() - CONVERSATION_WAIT_MS)),
          log: log.child({ part: "scheduler" }),
        });
        if (config.webhooks) {
          const webhookLog = log.child({ part: "webhooks" });
          webhookServer = await startWebhookServer({
            port: config.webhooks.port,
            secret: config.webhooks.secret,
            applyHint: (hint) => providerEvents.applyHint(hint),
            onRecorded: () => sendNotificationsSoon.kick(),
            log: webhookLog,
          }).catch((error: unknown) => {
            if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
              throw new ConfigError([`WEBHOOK_PORT ${config.webhooks?.port} is already in use by another process`]);
            }
            throw error;
          });
          webhookLog.info({ port: webhookServer.port }, "webhook server listening");
          await registerProviderWebhook({
            provider,
            providerKind: config.provider.kind,
            publicUrl: config.webhooks.publicUrl,
            localUrl: webhookServer.url,
            secret: config.webhooks.secret,
            log: webhookLog,
          });
        }
        runner = run(bot, {
          runner: {
            fetch: { allowed_updates: ["message", "callback_query", "pre_checkout_query", "inline_query", "my_chat_member"] },
          },
        });
        log.info({ bot: bot.botInfo.username, provider: config.provider.kind, currency: config.payments.currency }, "bot started");
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        // First: no new webhooks, and the sends they started finish before the database closes.
        await webhookServer?.close();
        await sendNotificationsSoon.idle();
        refresher.stop();
        if (runner?.isRunning()) await runner.stop();
        await fulfilmentLoop?.stop();
        await scheduler?.stop();
        for (const close of cleanup.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of cleanup.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
