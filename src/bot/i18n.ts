/** Translations: Fluent files in locales/<language>/, one file per feature (merged per language by @grammyjs/i18n). */
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { fileURLToPath } from "node:url";
import type { LanguagePreferences } from "../services/languages.ts";

/** The folder holding en/, ru/ and es/, each with one .ftl file per feature. */
export const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

/** Creates the i18n middleware; the locale comes from the user's choice or their Telegram language. */
export function createI18n(languages: LanguagePreferences): I18n<Context> {
  const i18n = new I18n<Context>({
    defaultLocale: "en",
    // Unicode isolation marks around variables would end up in copied activation codes.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => (ctx.from ? languages.resolve(ctx.from.id, ctx.from.language_code) : "en"),
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
}
