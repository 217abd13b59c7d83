/**
 * What names the traveller's action an update carries, the same however
 * often the update is handled: a tap's callback query id, or a message's
 * chat and id. Records made by the action derive their ids from it (orders:
 * services/orders.ts), so an update handled again after its instance died
 * finds them instead of making them twice. Not the update_id: Telegram may
 * start its update ids afresh after a quiet week.
 */
import type { Context } from "grammy";

/** The key of the action in `ctx`'s update. */
export function requestKeyOf(ctx: Context): string {
  if (ctx.callbackQuery) return `callback:${ctx.callbackQuery.id}`;
  const message = ctx.msg;
  if (message) return `message:${message.chat.id}:${message.message_id}`;
  return `update:${ctx.update.update_id}`;
}
