/** The user's language as views need it: a translate function and the locale it speaks. */
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";

/** Translate function of @grammyjs/i18n (ctx.t or a bound i18n.t). */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** A translate function with the locale it speaks. */
export interface ViewLocale {
  t: Translate;
  locale: string;
}

/** The language of the update's user (their choice, else their Telegram language). */
export async function viewLocale(ctx: Context & I18nFlavor): Promise<ViewLocale> {
  return { t: ctx.t, locale: await ctx.i18n.getLocale() };
}
