/** /language: choose English, Russian or Spanish; the choice is stored per user. */
import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { ShopComposer } from "../composer.ts";
import { SUPPORTED_LANGUAGES, type LanguagePreferences } from "../../services/languages.ts";
import { LANGUAGE, MENU, parseLanguageButton } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";

const NAMES: Record<(typeof SUPPORTED_LANGUAGES)[number], string> = {
  en: "🇬🇧 English",
  ru: "🇷🇺 Русский",
  es: "🇪🇸 Español",
};

/** The language menu. */
export function languageFeature(deps: { languages: LanguagePreferences }): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  const keyboard = () => {
    const kb = new InlineKeyboard();
    for (const code of SUPPORTED_LANGUAGES) kb.text(NAMES[code], LANGUAGE.choose(code));
    return kb;
  };

  composer.command("language", (ctx) => ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard() }));
  composer.callbackQuery(MENU.language, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("language-choose"), { reply_markup: keyboard() });
  });
  composer.on("callback_query:data", async (ctx, next) => {
    const code = parseLanguageButton(ctx.callbackQuery.data);
    // Anything else, a forged language included, goes on (the fallback answers it as expired).
    if (!code) return next();
    await deps.languages.choose({ id: ctx.from.id, firstName: ctx.from.first_name }, code);
    ctx.i18n.useLocale(code);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language-changed")).catch(() => ctx.reply(ctx.t("language-changed")));
  });
  return composer;
}
