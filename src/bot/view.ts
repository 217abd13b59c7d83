/** A message the bot shows and edits in place: its HTML text and buttons. */
import { GrammyError, type InlineKeyboard } from "grammy";

/** A message's HTML text and inline keyboard. */
export interface View {
  text: string;
  keyboard: InlineKeyboard;
}

/** Telegram refuses an edit that changes nothing; showing the same view again is not an error. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}
