/**
 * The app's background parts, in start order: the bot's identity (which
 * waits for Telegram, or stops the start when it refuses the token), the
 * command menu, the outbox drain, the fulfilment and refund loops, the
 * broadcast sender, the Star ledger reader, the unpaid-order sweep, the
 * catalog refresh, the lifecycle
 * scheduler, the webhook server, and last Telegram polling, so updates
 * arrive only once everything they need runs. Stopped in reverse: polling
 * and webhooks (the inputs) stop first, the database last.
 */
import type { I18n } from "@grammyjs/i18n";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { Api, type Bot, type Context } from "grammy";
import { ConfigError, type Config } from "../config.ts";
import { publishCommands } from "../bot/commands.ts";
import type { BotContext } from "../bot/context.ts";
import { reportPollingOutages } from "../bot/polling-outages.ts";
import { BotTokenRefusedError, fetchBotIdentity } from "../bot/telegram-identity.ts";
import { CONVERSATION_WAIT_MS } from "../bot/create-bot.ts";
import type { Database } from "../db/client.ts";
import { deleteConversationStatesOlderThan } from "../db/conversation-storage.ts";
import type { EsimProvider } from "../providers/port.ts";
import { startLifecycleScheduler, type LifecycleScheduler, type TickReport } from "../scheduler/lifecycle-scheduler.ts";
import { registerProviderWebhook } from "../server/webhook-registration.ts";
import { startWebhookServer, type WebhookServer } from "../server/webhook-server.ts";
import { SUPPORTED_LANGUAGES } from "../services/languages.ts";
import type { Logger } from "../services/logger.ts";
import type { Part } from "./parts.ts";
import type { LoadedCatalog } from "./resources.ts";
import type { Services } from "./services.ts";

/** While the catalog is empty (provider down at start), how often to try again. */
const CATALOG_RETRY_MS = 30_000;

/** The updates the bot asks Telegram for. */
const ALLOWED_UPDATES = ["message", "callback_query", "pre_checkout_query", "inline_query", "my_chat_member"] as const;

/** What the background parts run. */
export interface BackgroundInputs {
  config: Config;
  services: Services;
  catalog: LoadedCatalog;
  bot: Bot<BotContext>;
  i18n: I18n<Context>;
  db: Database;
  provider: EsimProvider;
  log: Logger;
  now: () => Date;
}

/** The background parts, and handles on the ones tests reach into. */
export interface Background {
  parts: Part[];
  /** Runs one lifecycle tick now; throws before the scheduler started. */
  tickLifecycle(): Promise<TickReport>;
  /** The webhook server's local base URL once it listens. */
  readonly webhookUrl: string | undefined;
}

/** Lists the background parts in start order. */
export function backgroundParts(inputs: BackgroundInputs): Background {
  const { services, catalog, config } = inputs;
  const scheduler = lifecycleSchedulerPart(inputs);
  const webhooks = config.webhooks && { config: config.webhooks, server: webhookServerPart(inputs, config.webhooks) };
  const parts: Part[] = [
    telegramIdentityPart(inputs),
    commandMenuPart(inputs),
    // Handlers and webhooks kick it: it stops (waits for its last send) after they have.
    { name: "notification drain", start: () => undefined, stop: () => services.sendNotificationsSoon.idle() },
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
    ...(webhooks ? [webhooks.server, webhookRegistrationPart(inputs, webhooks.config, webhooks.server)] : []),
    pollingPart(inputs),
  ];
  return {
    parts,
    tickLifecycle: () => scheduler.tick(),
    get webhookUrl() {
      return webhooks?.server.url;
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
  const { config, services, db, log, now } = inputs;
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
        sweepConversations: () => deleteConversationStatesOlderThan(db.prisma, new Date(now().getTime() - CONVERSATION_WAIT_MS)),
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

function webhookServerPart(inputs: BackgroundInputs, webhooks: NonNullable<Config["webhooks"]>): Part & { readonly url: string | undefined } {
  const { services } = inputs;
  const log = inputs.log.child({ part: "webhooks" });
  let server: WebhookServer | undefined;
  return {
    name: "webhook server",
    async start() {
      server = await startWebhookServer({
        port: webhooks.port,
        secret: webhooks.secret,
        applyHint: (hint) => services.providerEvents.applyHint(hint),
        claimEvent: (eventId) => services.webhookEventIds.claim(eventId),
        releaseEvent: (eventId) => services.webhookEventIds.release(eventId),
        onRecorded: () => services.sendNotificationsSoon.kick(),
        now: inputs.now,
        log,
      }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
          throw new ConfigError([`WEBHOOK_PORT ${webhooks.port} is already in use by another process`]);
        }
        throw error;
      });
      log.info({ port: server.port }, "webhook server listening");
    },
    stop: () => server?.close(),
    get url() {
      return server?.url;
    },
  };
}

/** Tells the provider where to post (never fails the start: polling watches every eSIM anyway). */
function webhookRegistrationPart(
  inputs: BackgroundInputs,
  webhooks: NonNullable<Config["webhooks"]>,
  server: { readonly url: string | undefined },
): Part {
  return {
    name: "webhook registration",
    async start() {
      if (server.url === undefined) throw new Error("the webhook server is not listening");
      await registerProviderWebhook({
        provider: inputs.provider,
        providerKind: inputs.config.provider.kind,
        publicUrl: webhooks.publicUrl,
        localUrl: server.url,
        secret: webhooks.secret,
        log: inputs.log.child({ part: "webhooks" }),
      });
    },
    stop: () => undefined,
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
