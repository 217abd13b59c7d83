/**
 * The Bot API client's transformers, set up in one place. Every Api the shop
 * uses retries flood waits (429) and Telegram's 5xx with one auto-retry
 * policy; the Api for messages sent outside updates (deliveries,
 * notifications, operator alerts) is also throttled to Telegram's limits.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Api, type Context, type MiddlewareFn, type Transformer } from "grammy";

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

/** Query answers Telegram refuses as answered already or too old: the query is over either way. */
const ANSWERS = new Set(["answerCallbackQuery", "answerPreCheckoutQuery"]);
const QUERY_OVER = /query is too old|query ID is invalid/i;

/**
 * Treats a refused query answer as done. An update handled a second time
 * (webhook mode: its first instance died mid-update) answers its query
 * again, and Telegram refuses the second answer; failing the update there
 * would skip what follows the answer (e.g. the panel's edit).
 */
export const tolerateAnsweredQueries: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (!response.ok && ANSWERS.has(method) && response.error_code === 400 && QUERY_OVER.test(response.description)) {
    return { ok: true, result: true as never };
  }
  return response;
};

/** Installs the retry policy on an Api (the bot's own, or a conversation's), and tolerates query answers given already. */
export function installRetries(api: Api): void {
  api.config.use(autoRetry(RETRY_POLICY));
  api.config.use(tolerateAnsweredQueries);
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

/** Telegram's overall limit for a bot's messages, per second. */
export const TELEGRAM_MESSAGES_PER_SECOND = 30;

/**
 * The Api for messages sent outside updates: throttled to Telegram's limits
 * (about 30 messages a second overall, one a second per chat) and retrying.
 * Sends are spaced evenly (1000 / 30 ms apart) rather than in a burst of 30
 * per refill, which could put 60 into one second and draw 429s during a
 * broadcast. `messagesPerSecond` overrides the overall rate for tests only
 * (the Bot API emulator has no limits, and a 10,000-user broadcast at 30 a
 * second would take minutes); production always runs at Telegram's rate.
 */
export function createBackgroundApi(token: string, apiRoot: string, messagesPerSecond = TELEGRAM_MESSAGES_PER_SECOND): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(apiThrottler({ global: { minTime: Math.ceil(1000 / messagesPerSecond) } }));
  installRetries(api);
  return api;
}
