/**
 * Entry points: /start (with deep links), /buy, /help, /cancel and the main
 * menu's buttons. Commands that start something new first exit any running
 * conversation, so a traveller is never stuck in an old flow.
 */
import { Composer, InlineKeyboard } from "grammy";
import type { UserService } from "../../services/users.ts";
import { MENU, parseRenewButton } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { PURCHASE_CONVERSATION } from "../conversations/purchase.ts";
import { parseDeepLink } from "../deep-links.ts";
import { escapeHtml } from "../html.ts";

/** Exits conversations on commands that start over; install before the conversations are created. */
export function startOverFeature(): Composer<PrivateContext> {
  const composer = new Composer<PrivateContext>();
  composer.command(["start", "buy"], async (ctx, next) => {
    await ctx.conversation.exitAll();
    await next();
  });
  // The buttons that start a new purchase: Buy in the menu, and Buy again.
  const startsPurchase = (data: string) => data === MENU.buy || parseRenewButton(data) !== null;
  composer.on("callback_query:data").filter(
    (ctx) => startsPurchase(ctx.callbackQuery.data),
    async (ctx, next) => {
      await ctx.conversation.exitAll();
      await next();
    },
  );
  composer.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancelled" : "nothing-to-cancel"), { reply_markup: { remove_keyboard: true } });
  });
  composer.command("help", (ctx) => ctx.reply(ctx.t("help"), { parse_mode: "HTML" }));
  composer.callbackQuery(MENU.help, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("help"), { parse_mode: "HTML" });
  });
  return composer;
}

/** Greeting and purchase entry; install after the conversations are created. */
export function menuFeature(deps: { users: UserService }): Composer<PrivateContext> {
  const composer = new Composer<PrivateContext>();

  composer.command("start", async (ctx) => {
    await deps.users.remember({ id: ctx.from.id, firstName: ctx.from.first_name });
    const link = parseDeepLink(ctx.match);
    if (link?.kind === "plan") {
      await ctx.conversation.enter(PURCHASE_CONVERSATION, { planId: link.planId });
      return;
    }
    const keyboard = new InlineKeyboard()
      .text(ctx.t("menu-buy"), MENU.buy)
      .text(ctx.t("menu-mysims"), MENU.mysims)
      .row()
      .text(ctx.t("menu-language"), MENU.language)
      .text(ctx.t("menu-help"), MENU.help);
    await ctx.reply(ctx.t("start-greeting", { name: escapeHtml(ctx.from.first_name) }), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  });

  composer.command("buy", (ctx) => ctx.conversation.enter(PURCHASE_CONVERSATION));
  composer.callbackQuery(MENU.buy, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PURCHASE_CONVERSATION);
  });
  return composer;
}
