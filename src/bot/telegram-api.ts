/**
 * The Bot API client's transformers, set up in one place. Every Api the shop
 * uses retries flood waits (429) and Telegram's 5xx with one auto-retry
 * policy; the Api for messages sent outside updates (deliveries,
 * notifications, operator alerts) is also throttled to Telegram's limits.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Api, type Context, type MiddlewareFn } from "grammy";

/**
 * Up to three retries, and flood waits of up to 30 s; anything longer is
 * thrown. Updates are handled one chat at a time, so a long wait stalls the
 * chat, and background sends have durable retries of their own (fulfilment
 * jobs, the outbox): a longer hold would only delay the rest, and a
 * fulfilment attempt must finish well within its job's lease. Network errors
 * are thrown too: auto-retry would otherwise retry them without limit (up to
 * an hour apart), whatever `maxRetryAttempts` says.
 */
const RETRY_POLICY = { maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true } as const;

/** Installs the retry policy on an Api (the bot's own, or a conversation's). */
export function installRetries(api: Api): void {
  api.config.use(autoRetry(RETRY_POLICY));
}

/**
 * Middleware that installs the retry policy on `ctx.api`. Conversations
 * build their own context, whose Api does not inherit `bot.api`'s
 * transformers: pass this in the conversation's `plugins`.
 */
export function retriesPlugin<C extends Context>(): MiddlewareFn<C> {
  return (ctx, next) => {
    installRetries(ctx.api);
    return next();
  };
}

/**
 * The Api for messages sent outside updates: throttled to Telegram's limits
 * (about 30 messages a second overall, one a second per chat) and retrying.
 */
export function createBackgroundApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(apiThrottler());
  installRetries(api);
  return api;
}
