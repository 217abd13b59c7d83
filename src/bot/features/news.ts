/**
 * Travellers' choice about broadcasts: /stop_news and the "🔕 Stop news"
 * button under every broadcast opt out, /start_news opts back in. Installed
 * before the conversations, so it works in the middle of a purchase too.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../composer.ts";
import type { UserService } from "../../services/users.ts";
import { NEWS } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";

/** The opt-out commands and button. */
export function newsFeature(deps: { users: UserService }): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  const who = (ctx: PrivateContext) => ({ id: ctx.from.id, firstName: ctx.from.first_name });

  composer.command("stop_news", async (ctx) => {
    const changed = await deps.users.stopNews(who(ctx));
    await ctx.reply(changed ? ctx.t("news-stopped") : ctx.t("news-already-stopped"));
  });
  composer.command("start_news", async (ctx) => {
    const changed = await deps.users.startNews(who(ctx));
    await ctx.reply(changed ? ctx.t("news-started") : ctx.t("news-already-started"));
  });
  composer.callbackQuery(NEWS.stop, async (ctx) => {
    const changed = await deps.users.stopNews(who(ctx));
    await ctx.answerCallbackQuery({ text: changed ? ctx.t("news-stopped") : ctx.t("news-already-stopped"), show_alert: true });
  });
  return composer;
}
