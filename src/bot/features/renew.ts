/**
 * "Buy again" buttons (expiry notifications, an eSIM too old to top up): a
 * new plan for the same destination.
 */
import { Composer } from "grammy";
import type { DestinationRef } from "../../domain/destinations/index.ts";
import type { BotContext } from "../context.ts";
import { PURCHASE_CONVERSATION } from "../conversations/purchase.ts";

export const RENEW = {
  data: (destination: DestinationRef) => `renew:${destination.kind}:${destination.code}`,
  pattern: /^renew:(country|region|global):([\w-]{2,32})$/,
} as const;

/** Enters the purchase for the destination on the button; install after the conversations (startOverFeature exits old ones). */
export function renewFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(RENEW.pattern, async (ctx) => {
    await ctx.answerCallbackQuery();
    const destination: DestinationRef = { kind: ctx.match[1] as DestinationRef["kind"], code: ctx.match[2]! };
    await ctx.conversation.enter(PURCHASE_CONVERSATION, { destination });
  });
  return composer;
}
