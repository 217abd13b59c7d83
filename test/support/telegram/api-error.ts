/** Bot API responses and the errors method handlers throw to produce a failed one. */
import type { ResponseParameters } from "grammy/types";

/** A successful Bot API response. */
export interface ApiSuccess {
  ok: true;
  result: unknown;
  description?: string;
}

/** A failed Bot API response, as Telegram sends it (also the shape of an injected fault). */
export interface ApiFailure {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** Either Bot API response. */
export type ApiResponse = ApiSuccess | ApiFailure;

/** An error a test wants a method to return: `{ error_code, description, parameters? }`. */
export type InjectedError = Omit<ApiFailure, "ok">;

/** Thrown by method handlers; the server turns it into an {@link ApiFailure}. */
export class BotApiError extends Error {
  /** @param failure the response to send */
  constructor(readonly failure: InjectedError) {
    super(failure.description);
    this.name = "BotApiError";
  }

  /** The response body. */
  toResponse(): ApiFailure {
    return { ok: false, ...this.failure };
  }
}

/** A 400 error, described the way Telegram does ("Bad Request: …"). */
export function badRequest(reason: string): BotApiError {
  return new BotApiError({ error_code: 400, description: `Bad Request: ${reason}` });
}

/** A 403 error ("Forbidden: …"), e.g. when the user blocked the bot. */
export function forbidden(reason: string): BotApiError {
  return new BotApiError({ error_code: 403, description: `Forbidden: ${reason}` });
}

/** Telegram's answer to a callback, pre-checkout or inline query id it does not know (or that was answered). */
export function invalidQueryId(): BotApiError {
  return badRequest("query is too old and response timeout expired or query ID is invalid");
}

/**
 * Thrown by a handler whose answer must never reach the bot: the server
 * closes the connection instead of answering (the bot sees a network error).
 */
export class ConnectionDropped extends Error {
  constructor() {
    super("The connection was dropped without an answer.");
    this.name = "ConnectionDropped";
  }
}
