/**
 * "Buy again" buttons (expiry notifications, an eSIM too old to top up): a
 * new plan for the same destination.
 */
import { Composer } from "grammy";
import { parseRenewButton } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { PURCHASE_CONVERSATION } from "../conversations/purchase.ts";

/** Enters the purchase for the destination on the button; install after the conversations (startOverFeature exits old ones). */
export function renewFeature(): Composer<PrivateContext> {
  const composer = new Composer<PrivateContext>();
  composer.on("callback_query:data", async (ctx, next) => {
    const destination = parseRenewButton(ctx.callbackQuery.data);
    if (!destination) return next();
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PURCHASE_CONVERSATION, { destination });
  });
  return composer;
}
