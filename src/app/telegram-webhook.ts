/**
 * Webhook mode (TELEGRAM_WEBHOOK_URL): Telegram posts updates to the HTTP
 * server, which stores each before answering (services/update-intake.ts);
 * this instance's workers — and those of every other instance on the same
 * database — handle them one chat at a time (services/update-workers.ts).
 *
 * Parts, in start order: on SQLite, the single-instance lock; the workers
 * (updates queued before a restart are handled first); setWebhook. Stopped
 * in reverse: the intake closes first (the webhook answers 503, so Telegram
 * retries on another instance) and the updates in flight are finished.
 */
import { BotError, GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Hono } from "hono";
import { ALLOWED_UPDATES } from "../bot/allowed-updates.ts";
import type { BotContext } from "../bot/context.ts";
import { ConfigError, type Config } from "../config.ts";
import { parseDatabaseUrl, sqliteFilePath, type Database } from "../db/client.ts";
import { InboundUpdatesRepository, type ClaimedUpdate } from "../db/inbound-updates-repository.ts";
import { acquireSqliteInstanceLock, SqliteInstanceLockedError, type SqliteInstanceLock } from "../db/sqlite-instance-lock.ts";
import { telegramWebhookRoutes } from "../server/telegram-webhook-route.ts";
import type { Logger } from "../services/logger.ts";
import type { Readiness } from "../services/readiness.ts";
import { UpdateIntake } from "../services/update-intake.ts";
import { DEFAULT_WORKER_OPTIONS, UpdateWorkers, type UpdateWorkerOptions } from "../services/update-workers.ts";
import type { Part } from "./parts.ts";

/** What webhook mode is built on. */
export interface TelegramWebhookInputs {
  webhook: NonNullable<Config["telegramWebhook"]>;
  databaseUrl: string;
  bot: Bot<BotContext>;
  db: Database;
  readiness: Readiness;
  log: Logger;
  now: () => Date;
  /** Worker tuning (tests shorten the lease); production uses the defaults. */
  workerOptions?: Partial<UpdateWorkerOptions>;
}

/** Webhook mode's route (for the HTTP server) and parts. */
export interface TelegramWebhookMode {
  routes: Hono;
  /** Before the HTTP server: on SQLite, the single-instance lock. */
  before: Part[];
  /** After the HTTP server: the workers, then setWebhook. */
  after: Part[];
}

/** Builds webhook mode; nothing runs until its parts start. */
export function buildTelegramWebhook(inputs: TelegramWebhookInputs): TelegramWebhookMode {
  const { webhook, bot, db, now } = inputs;
  const log = inputs.log.child({ part: "telegram-webhook" });
  const queue = new InboundUpdatesRepository(db.prisma, db.provider);
  const workers = new UpdateWorkers({
    queue,
    handle: (update) => handleWithBot(bot, update),
    options: { ...DEFAULT_WORKER_OPTIONS, ...inputs.workerOptions },
    log,
    now,
  });
  const intake = new UpdateIntake({ store: queue, onStored: () => workers.kick(), log, now });
  const routes = telegramWebhookRoutes({ path: webhook.path, secret: webhook.secret, intake, log });
  const workersPart: Part = {
    name: "telegram update workers",
    start: () => workers.start(),
    async stop() {
      intake.close();
      inputs.readiness.markStopping();
      await workers.stop();
    },
  };
  const lock = db.provider === "sqlite" ? [sqliteLockPart(inputs.databaseUrl)] : [];
  return { routes, before: lock, after: [workersPart, setWebhookPart(inputs, log)] };
}

/** Runs one queued update through the bot; an error goes to the bot's error handler, as with polling. */
async function handleWithBot(bot: Bot<BotContext>, claimed: ClaimedUpdate): Promise<"done" | "failed"> {
  try {
    await bot.handleUpdate(JSON.parse(claimed.payload) as Update);
    return "done";
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    await bot.errorHandler(error);
    return "failed";
  }
}

/** SQLite serves one process: a second one in webhook mode stops with one line. */
function sqliteLockPart(databaseUrl: string): Part {
  let lock: SqliteInstanceLock | undefined;
  return {
    name: "sqlite instance lock",
    start() {
      try {
        lock = acquireSqliteInstanceLock(sqliteFilePath(parseDatabaseUrl(databaseUrl)));
      } catch (error) {
        if (!(error instanceof SqliteInstanceLockedError)) throw error;
        throw new ConfigError([
          `DATABASE_URL: another bot process (pid ${error.pid}) already runs on this SQLite database; SQLite serves one instance — use PostgreSQL to run several`,
        ]);
      }
    },
    stop: () => lock?.release(),
  };
}

/** Points Telegram at the webhook (every instance sets the same one); pending updates are kept. */
function setWebhookPart(inputs: TelegramWebhookInputs, log: Logger): Part {
  const { bot, webhook } = inputs;
  return {
    name: "telegram webhook",
    async start() {
      try {
        await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false });
      } catch (error) {
        if (!(error instanceof GrammyError)) throw error;
        throw new ConfigError([`TELEGRAM_WEBHOOK_URL is refused by Telegram: ${error.description}`]);
      }
      log.info({ bot: `@${bot.botInfo.username}`, url: webhook.url }, "bot started: Telegram posts updates to the webhook");
    },
    // The webhook stays set: other instances keep serving it, and a restart takes it up again.
    stop: () => undefined,
  };
}
