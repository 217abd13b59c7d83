/**
 * Sending to a user outside an update (deliveries, notifications). Telegram
 * answers 403 when the user blocked the bot or deleted their account; the
 * services treat that as final (no retry), so it becomes
 * RecipientUnreachableError here, in one place.
 */
import { GrammyError } from "grammy";
import { RecipientUnreachableError } from "../services/ports.ts";

/** Runs `send`; a 403 from Telegram is rethrown as RecipientUnreachableError, anything else as is. */
export async function sendToUser<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) {
      throw new RecipientUnreachableError(error.description, { cause: error });
    }
    throw error;
  }
}
