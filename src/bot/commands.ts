/**
 * The command menu Telegram shows next to the message field: the same
 * commands in every supported language, set at start for the default scope
 * (English, for languages the bot does not speak) and once per language code.
 */
import type { I18n } from "@grammyjs/i18n";
import type { Api, Context } from "grammy";
import type { BotCommand, LanguageCode } from "grammy/types";

/** The commands of private chats, in menu order; each has a `command-<name>` description in the locales. */
export const MENU_COMMANDS = ["buy", "mysims", "language", "help", "cancel"] as const;

/** The menu in one language. */
export function menuCommands(i18n: I18n<Context>, language: string): BotCommand[] {
  return MENU_COMMANDS.map((command) => ({ command, description: i18n.t(language, `command-${command}`) }));
}

/** Sets the menu for the default scope and for each language (Telegram picks by the user's app language). */
export async function publishCommands(api: Api, i18n: I18n<Context>, languages: readonly LanguageCode[]): Promise<void> {
  await api.setMyCommands(menuCommands(i18n, "en"));
  for (const language of languages) {
    await api.setMyCommands(menuCommands(i18n, language), { language_code: language });
  }
}
