/**
 * The last handlers: whatever nothing else handled gets a short, helpful
 * answer. Stale or forged buttons are answered (every callback query is).
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../composer.ts";
import type { PrivateContext } from "../context.ts";

/** Fallback answers for private chats. */
export function fallbackFeature(): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
  composer.on("message::bot_command", (ctx) => ctx.reply(ctx.t("unknown-command")));
  composer.on("message:text", (ctx) => ctx.reply(ctx.t("fallback-text")));
  composer.on("message", (ctx) => ctx.reply(ctx.t("fallback-media")));
  return composer;
}
