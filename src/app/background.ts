/**
 * The app's background parts, in start order: the bot's identity (which
 * waits for Telegram, or stops the start when it refuses the token), the
 * command menu, the outbox drain, the fulfilment and refund loops, the
 * broadcast sender, the Star ledger reader, the unpaid-order sweep, the
 * catalog refresh, the lifecycle scheduler, the HTTP server (with the
 * provider webhook's registration), and last Telegram's updates — long
 * polling, or in webhook mode the update workers and setWebhook — so updates
 * arrive only once everything they need runs. Stopped in reverse: the
 * inputs stop first, the database last.
 */
import type { I18n } from "@grammyjs/i18n";
import type { Hono } from "hono";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { Api, type Bot, type Context } from "grammy";
import { ConfigError, type Config } from "../config.ts";
import { publishCommands } from "../bot/commands.ts";
import type { BotContext } from "../bot/context.ts";
import { reportPollingOutages } from "../bot/polling-outages.ts";
import { warmQrRendering } from "../bot/esim-install.ts";
import { BotTokenRefusedError, fetchBotIdentity } from "../bot/telegram-identity.ts";
import { CONVERSATION_WAIT_MS } from "../bot/create-bot.ts";
import type { Database } from "../db/client.ts";
import { warmPaymentPath } from "../db/payment-path-warm-up.ts";
import type { EsimProvider } from "../providers/port.ts";
import { startLifecycleScheduler, type LifecycleScheduler, type TickReport } from "../scheduler/lifecycle-scheduler.ts";
import { SUPPORTED_LANGUAGES } from "../services/languages.ts";
import type { Logger } from "../services/logger.ts";
import { ALLOWED_UPDATES } from "../bot/allowed-updates.ts";
import type { UpdateWorkerOptions } from "../services/update-workers.ts";
import { buildReadiness, httpServerPart, providerRoutes, webhookRegistrationPart } from "./http-parts.ts";
import type { Part } from "./parts.ts";
import { buildTelegramWebhook } from "./telegram-webhook.ts";
import type { LoadedCatalog } from "./resources.ts";
import type { Services } from "./services.ts";

/** While the catalog is empty (provider down at start), how often to try again. */
const CATALOG_RETRY_MS = 30_000;

/** What the background parts run. */
export interface BackgroundInputs {
  config: Config;
  services: Services;
  catalog: LoadedCatalog;
  bot: Bot<BotContext>;
  i18n: I18n<Context>;
  db: Database;
  /** Deletes conversation state not written since the cutoff. */
  sweepConversations: (cutoff: Date) => Promise<number>;
  provider: EsimProvider;
  log: Logger;
  now: () => Date;
  /** Webhook mode's worker tuning (tests); production uses the defaults. */
  updateWorkers?: Partial<UpdateWorkerOptions>;
  /** More routes for the one HTTP server (the dashboard when it shares the server's port). */
  extraRoutes?: readonly Hono[];
}

/** The background parts, and handles on the ones tests reach into. */
export interface Background {
  parts: Part[];
  /** Runs one lifecycle tick now; throws before the scheduler started. */
  tickLifecycle(): Promise<TickReport>;
  /** The HTTP server's local base URL once it listens. */
  readonly webhookUrl: string | undefined;
}

/** Lists the background parts in start order. */
export function backgroundParts(inputs: BackgroundInputs): Background {
  const { services, catalog, config } = inputs;
  const scheduler = lifecycleSchedulerPart(inputs);
  const server = serverParts(inputs);
  const parts: Part[] = [
    telegramIdentityPart(inputs),
    commandMenuPart(inputs),
    // Handlers and webhooks kick it: it stops (waits for its last send) after they have.
    { name: "notification drain", start: () => undefined, stop: () => services.sendNotificationsSoon.idle() },
    warmUpPart(inputs),
    // Pending fulfilments from before a restart resume on the loop's first run.
    { name: "fulfilment loop", start: () => services.fulfilmentLoop.start(), stop: () => services.fulfilmentLoop.stop() },
    // Refund intents left from before a restart are carried out on its first run.
    { name: "refund loop", start: () => services.refundLoop.start(), stop: () => services.refundLoop.stop() },
    // Payments whose updates were lost are found at start, then every RECONCILE_MINUTES.
    { name: "star ledger", start: () => services.ledgerLoop.start(), stop: () => services.ledgerLoop.stop() },
    { name: "unpaid order sweep", start: () => services.unpaidSweep.start(), stop: () => services.unpaidSweep.stop() },
    // Broadcasts confirmed before a restart resume on the loop's first run; a stop waits for the batch in flight.
    { name: "broadcast sender", start: () => services.broadcastLoop.start(), stop: () => services.broadcastLoop.stop() },
    {
      name: "catalog refresh",
      start: () => catalog.refresher.start(config.catalogRefreshMs, CATALOG_RETRY_MS),
      stop: () => catalog.refresher.stop(),
    },
    scheduler,
    ...server.parts,
  ];
  return {
    parts,
    tickLifecycle: () => scheduler.tick(),
    get webhookUrl() {
      return server.url;
    },
  };
}

/**
 * The first purchase after start does not pay for first use: Prisma's query
 * plans of the way from a payment to its QR (queries that match no row, see
 * db/payment-path-warm-up.ts) and the QR code's rendering. It runs in the
 * background, so readiness does not wait for it; a stop waits for it, so the
 * database is not closed under it.
 */
function warmUpPart({ db, log }: BackgroundInputs): Part {
  let running: Promise<void> = Promise.resolve();
  const warmUp = async () => {
    await warmPaymentPath(db, (query, error) => log.warn({ err: error, query }, "a warm-up query failed"));
    warmQrRendering();
  };
  return {
    name: "warm-up",
    start: () => {
      running = warmUp().catch((error: unknown) => log.warn({ err: error }, "warming up failed"));
    },
    stop: () => running,
  };
}

/**
 * The HTTP server and what depends on it: the provider webhook's
 * registration, then Telegram's updates (webhook mode's workers and
 * setWebhook; long polling without a server or without webhook mode).
 */
function serverParts(inputs: BackgroundInputs): { parts: Part[]; readonly url: string | undefined } {
  const { config, services, log, now } = inputs;
  const port = config.httpPort;
  if (port === undefined) return { parts: [pollingPart(inputs)], url: undefined };
  const readiness = buildReadiness(inputs.db, inputs.provider, inputs.catalog.catalog, now);
  const telegram =
    config.telegramWebhook &&
    buildTelegramWebhook({ webhook: config.telegramWebhook, databaseUrl: config.databaseUrl, bot: inputs.bot, db: inputs.db, readiness, log, now, workerOptions: inputs.updateWorkers });
  const routes = [
    ...(config.webhooks ? [providerRoutes(services, config.webhooks.secret, log.child({ part: "webhooks" }), now)] : []),
    ...(telegram ? [telegram.routes] : []),
    ...(inputs.extraRoutes ?? []),
  ];
  const server = httpServerPart(port, routes, readiness, log.child({ part: "http" }));
  const updates = telegram ? telegram.after : [pollingPart(inputs)];
  return {
    parts: [...(telegram?.before ?? []), server, ...(config.webhooks ? [webhookRegistrationPart(inputs, config.webhooks, server)] : []), ...updates],
    get url() {
      return server.url;
    },
  };
}

/** Asks Telegram who the bot is: a refused token stops the start with one line; an unreachable API is waited for. */
function telegramIdentityPart(inputs: BackgroundInputs): Part {
  const { bot, config } = inputs;
  const log = inputs.log.child({ part: "telegram" });
  return {
    name: "telegram identity",
    async start(signal) {
      try {
        bot.botInfo = await fetchBotIdentity({ token: config.botToken, apiRoot: config.telegramApiRoot, log, signal, now: inputs.now });
      } catch (error) {
        if (error instanceof BotTokenRefusedError) {
          throw new ConfigError(["BOT_TOKEN is refused by Telegram: check the token with @BotFather (/mybots → API Token)"]);
        }
        throw error;
      }
      log.info({ bot: `@${bot.botInfo.username}`, apiRoot: config.telegramApiRoot }, `signed in to Telegram as @${bot.botInfo.username}`);
    },
    stop: () => undefined,
  };
}

/** The command menu in every language; Telegram keeps it, so a failure only costs the menu until the next start. */
function commandMenuPart(inputs: BackgroundInputs): Part {
  const { config, i18n } = inputs;
  const log = inputs.log.child({ part: "telegram" });
  return {
    name: "command menu",
    async start() {
      // A bare Api with a short timeout: the menu is not worth holding up the start (grammY waits 500 s by default).
      const api = new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: 15 });
      await publishCommands(api, i18n, SUPPORTED_LANGUAGES).catch((error: unknown) =>
        log.warn({ err: error }, "could not set the command menu; it stays as it was until the next start"),
      );
    },
    stop: () => undefined,
  };
}

function lifecycleSchedulerPart(inputs: BackgroundInputs): Part & { tick(): Promise<TickReport> } {
  const { config, services, log, now } = inputs;
  let scheduler: LifecycleScheduler | undefined;
  return {
    name: "lifecycle scheduler",
    start() {
      scheduler = startLifecycleScheduler({
        cron: config.lifecycle.cron,
        concurrency: config.lifecycle.concurrency,
        lifecycle: services.lifecycle,
        notifications: services.notifications,
        recordReminders: () => services.reminders.recordDue(),
        sweepConversations: () => inputs.sweepConversations(new Date(now().getTime() - CONVERSATION_WAIT_MS)),
        log: log.child({ part: "scheduler" }),
      });
    },
    stop: () => scheduler?.stop(),
    tick() {
      if (!scheduler) throw new Error("the app is not started");
      return scheduler.tick();
    },
  };
}

function pollingPart(inputs: BackgroundInputs): Part {
  const { bot, config, log } = inputs;
  let runner: RunnerHandle | undefined;
  return {
    name: "telegram polling",
    start() {
      reportPollingOutages(bot.api, config.telegramApiRoot, log.child({ part: "telegram" }));
      // silent: the runner would print fetch errors (with the token in their URL) to the console, past the logger.
      runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES }, silent: true } });
      // It gives up only on 401 (token revoked) or 409 (another process polls with this token).
      runner.task()?.catch((error: unknown) => log.error({ err: error }, "Telegram polling stopped"));
      log.info({ bot: `@${bot.botInfo.username}`, provider: config.provider.kind, currency: config.payments.currency }, "bot started");
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
    },
  };
}
