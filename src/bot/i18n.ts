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
  negotiateOncePerLocale(i18n);
  return i18n;
}

/** How many locale lists keep their matched bundles (the shop speaks three languages). */
const MATCHED_LOCALE_LISTS = 32;

/**
 * @grammyjs/i18n negotiates languages (Fluent's langneg: parsing, likely
 * subtags) again for every string it translates, about a tenth of a /start's
 * CPU time (issue #14). The bundles are fixed once the locales are loaded, so
 * the answer for a locale list never changes: remember it. Patches the
 * library's private `Fluent.matchBundles` (checked here, so an upgrade that
 * renames it fails at start, not silently); call after the last locale is loaded.
 */
function negotiateOncePerLocale(i18n: I18n<Context>): void {
  const fluent = i18n.fluent as unknown as { matchBundles?: (locales: string[]) => Set<unknown> };
  const match = fluent.matchBundles?.bind(fluent);
  if (!match) throw new Error("@grammyjs/i18n no longer has Fluent.matchBundles: remove negotiateOncePerLocale");
  const matched = new Map<string, Set<unknown>>();
  fluent.matchBundles = (locales) => {
    const key = locales.length === 1 ? locales[0]! : locales.join("\n");
    let bundles = matched.get(key);
    if (bundles === undefined) {
      bundles = match(locales);
      if (matched.size < MATCHED_LOCALE_LISTS) matched.set(key, bundles);
    }
    return bundles;
  };
}
