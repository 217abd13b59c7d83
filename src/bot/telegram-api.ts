/**
 * The Bot API client's transformers, set up in one place. Every Api the shop
 * uses retries flood waits (429) and Telegram's 5xx with one auto-retry
 * policy; the Api for messages sent outside updates (deliveries,
 * notifications, operator alerts) is also throttled to Telegram's limits.
 * Calls made while handling an update also retry, briefly, a request that got
 * no answer at all (see retryUnanswered).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Api, HttpError, type Context, type MiddlewareFn, type Transformer } from "grammy";

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

/** Pauses before each retry of a request that got no answer: two retries within about a second. */
const UNANSWERED_RETRY_DELAYS_MS = [200, 800];

/**
 * Retries, twice within about a second, a request that got no answer (a
 * network error: HttpError; Telegram's own refusals are GrammyErrors). Hand
 * written because auto-retry bounds only Telegram's answers: it would retry
 * network errors for up to an hour, so they are rethrown there. Without it, a
 * dropped connection fails the update, and an error inside a conversation
 * ends the conversation: the traveller's tap is never answered and their
 * purchase is gone. The call may have reached Telegram before its answer was
 * lost, so it can happen twice, as after a crash: a second query answer is
 * tolerated below, a message may show twice. Not for background sends:
 * broadcasts are at most once, and deliveries and notifications are durable
 * jobs with retries of their own. Never getUpdates: the runner handles polling
 * outages itself.
 */
export const retryUnanswered: Transformer = async (prev, method, payload, signal) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      const delayMs = UNANSWERED_RETRY_DELAYS_MS[attempt];
      if (!(error instanceof HttpError) || delayMs === undefined || method === "getUpdates" || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
};

/** Installs the retry policy on an Api (background sends), and tolerates query answers given already. */
export function installRetries(api: Api): void {
  api.config.use(autoRetry(RETRY_POLICY));
  api.config.use(tolerateAnsweredQueries);
}

/** The retry policy for calls made while handling updates (the bot's Api, a conversation's): also retries unanswered requests. */
export function installUpdateRetries(api: Api): void {
  api.config.use(autoRetry(RETRY_POLICY));
  // Outside auto-retry, inside the tolerance: a retried query answer Telegram already took counts as done.
  api.config.use(retryUnanswered);
  api.config.use(tolerateAnsweredQueries);
}

/**
 * Middleware that installs the update retry policy on `ctx.api`. Conversations
 * build their own context, whose Api does not inherit `bot.api`'s
 * transformers: pass this in the conversation's `plugins`.
 */
export function retriesPlugin<C extends Context>(): MiddlewareFn<C> {
  return (ctx, next) => {
    installUpdateRetries(ctx.api);
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
 * `fetch`: the HTTP client (see src/http/bot-api-fetch.ts); grammY's default without it.
 */
export function createBackgroundApi(token: string, apiRoot: string, options: { messagesPerSecond?: number; fetch?: typeof fetch } = {}): Api {
  const { messagesPerSecond = TELEGRAM_MESSAGES_PER_SECOND, fetch } = options;
  const api = new Api(token, { apiRoot, fetch });
  api.config.use(apiThrottler({ global: { minTime: Math.ceil(1000 / messagesPerSecond) } }));
  installRetries(api);
  return api;
}
