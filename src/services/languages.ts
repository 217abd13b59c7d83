/**
 * Which language to speak to a user: the one chosen with /language, else
 * Telegram's language_code when we have that locale, else English. Read on
 * every update: the users repository caches rows when it safely can (one
 * process owns the updates), never here, so a second instance sees a choice
 * made on the first at once.
 */
import type { UsersRepository } from "../db/users-repository.ts";

/** Locales the bot ships, in menu order. */
export const SUPPORTED_LANGUAGES = ["en", "ru", "es"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** Narrows a string to a supported language. */
export function isLanguage(code: string | undefined | null): code is Language {
  return SUPPORTED_LANGUAGES.includes(code as Language);
}

/** Maps Telegram's language_code ("es-MX", "ru") to a supported language. */
export function languageFromTelegram(code: string | undefined): Language {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : "en";
}

/** Per-user language choice. */
export class LanguagePreferences {
  constructor(private readonly users: UsersRepository) {}

  /** The language to use for this user. */
  async resolve(userId: number, telegramCode: string | undefined): Promise<Language> {
    const stored = await this.users.chosenLanguage(userId);
    return isLanguage(stored) ? stored : languageFromTelegram(telegramCode);
  }

  /** Saves a choice made with /language. */
  async choose(user: { id: number; firstName: string }, language: Language): Promise<void> {
    await this.users.upsert(user);
    await this.users.chooseLanguage(user.id, language);
  }
}
