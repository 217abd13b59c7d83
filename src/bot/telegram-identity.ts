/**
 * The first call to Telegram at start (getMe), made so the operator knows
 * what is wrong: a token Telegram refuses stops the start (it will not fix
 * itself), and an unreachable Bot API (network down, a wrong
 * TELEGRAM_API_ROOT) is retried with a warning per attempt that names the API
 * root and the time of the next try. It uses a bare Api with a short
 * timeout and retries on its own schedule, so each failed try is logged.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Api, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../services/logger.ts";
import { backoffDelayMs, type BackoffPolicy } from "../services/retry-backoff.ts";

/** Telegram answered getMe with 401: the token is wrong or was revoked. */
export class BotTokenRefusedError extends Error {
  constructor(description: string) {
    super(`BOT_TOKEN is refused by Telegram (${description})`);
    this.name = "BotTokenRefusedError";
  }
}

/** 1 s, 2 s, 4 s … up to a minute between tries. */
const DEFAULT_RETRIES: BackoffPolicy = { firstMs: 1_000, maxMs: 60_000 };

/** What {@link fetchBotIdentity} needs. */
export interface IdentityOptions {
  token: string;
  apiRoot: string;
  log: Logger;
  /** Aborts the waiting (the app is stopping). */
  signal: AbortSignal;
  retries?: BackoffPolicy;
  now?: () => Date;
}

/**
 * Asks Telegram who the bot is, until it answers. Throws
 * BotTokenRefusedError on 401, and the abort reason when `signal` aborts.
 */
export async function fetchBotIdentity(options: IdentityOptions): Promise<UserFromGetMe> {
  const { apiRoot, log, signal } = options;
  // grammY waits up to 500 s for an answer by default; a black-holed address should not take that long.
  const api = new Api(options.token, { apiRoot, timeoutSeconds: 15 });
  const now = options.now ?? (() => new Date());
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    try {
      // Not given the signal (grammY types its own AbortSignal); the 15 s timeout bounds it.
      return await api.getMe();
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof GrammyError && error.error_code === 401) throw new BotTokenRefusedError(error.description);
      const delayMs = backoffDelayMs(attempt, options.retries ?? DEFAULT_RETRIES);
      const retryAt = new Date(now().getTime() + delayMs);
      log.warn(
        { apiRoot, attempt, retryAt: retryAt.toISOString(), reason: reasonOf(error) },
        `Telegram is not reachable at ${apiRoot} (${reasonOf(error)}); trying again at ${retryAt.toISOString()}`,
      );
      await sleep(delayMs, undefined, { signal });
    }
  }
}

/** Why a call to Telegram failed, in a few words (never the request URL, which holds the token). */
export function reasonOf(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code}: ${error.description}`;
  if (error instanceof HttpError) {
    const cause = error.error instanceof Error ? (error.error as Error & { code?: unknown }) : undefined;
    // undici's own codes (UND_ERR_SOCKET…) say less than its message ("other side closed"), which names no URL.
    if (typeof cause?.code === "string") return cause.code.startsWith("UND_ERR_") ? `${cause.message} (${cause.code})` : cause.code;
    if (cause && /timed out/i.test(cause.message)) return "timed out";
    return "not a Bot API answer";
  }
  return error instanceof Error ? error.name : "unknown error";
}
