/**
 * The buttons of the reminders: "Installed ✅" thanks (the provider, not a
 * button, says whether the eSIM is in use), "I need help" shows
 * troubleshooting steps with Show QR again. Installed before the
 * conversations; the eSIM must be the presser's.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../composer.ts";
import type { BalanceService } from "../../services/balance.ts";
import { parseInstallButton } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { installedView, installHelpView } from "../reminder-views.ts";
import { isNotModified } from "../view.ts";
import { viewLocale } from "../view-locale.ts";

/** What the reminder buttons need. */
export interface InstallCheckDeps {
  balance: BalanceService;
}

/** The reminder buttons (private chats). */
export function installCheckFeature(deps: InstallCheckDeps): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.on("callback_query:data", async (ctx, next) => {
    const button = parseInstallButton(ctx.callbackQuery.data);
    if (!button) return next();
    const esim = await deps.balance.one(ctx.from.id, button.esimId);
    if (!esim) {
      await ctx.answerCallbackQuery({ text: ctx.t("esim-not-yours"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const l = await viewLocale(ctx);
    if (button.kind === "help") {
      // A new message: the reminder stays, its buttons still work.
      const view = installHelpView(l, esim);
      await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
      return;
    }
    const view = installedView(l);
    await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard }).catch((error: unknown) => {
      if (!isNotModified(error)) throw error;
    });
  });
  return composer;
}
