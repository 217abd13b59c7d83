/**
 * Buttons that open a destination's plans: "Buy again" (expiry
 * notifications, an eSIM too old to top up) and the popular destinations on
 * the /start menu.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../composer.ts";
import { parseRenewButton, parseStartButton } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { PURCHASE_CONVERSATION } from "../conversations/purchase.ts";

/** Enters the purchase for the destination on the button; install after the conversations (startOverFeature exits old ones). */
export function renewFeature(): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.on("callback_query:data", async (ctx, next) => {
    const destination = parseRenewButton(ctx.callbackQuery.data) ?? parseStartButton(ctx.callbackQuery.data);
    if (!destination) return next();
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PURCHASE_CONVERSATION, { destination });
  });
  return composer;
}
