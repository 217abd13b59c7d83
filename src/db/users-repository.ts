/** Telegram users who talked to the bot, and the language they chose. */
import type { ShopPrisma } from "./prisma-types.ts";

/** The part of a Telegram user we keep. */
export interface TelegramUserInfo {
  id: number;
  firstName: string;
  /** The @username as Telegram sends it (stored in lower case); undefined leaves the stored one alone, null clears it. */
  username?: string | null;
}

/** Users in the shop's database. */
export class UsersRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Creates the user or refreshes their name (and username, when given). */
  async upsert(user: TelegramUserInfo): Promise<void> {
    const username = user.username === undefined ? {} : { username: user.username?.toLowerCase() ?? null };
    await this.prisma.user.upsert({
      where: { id: BigInt(user.id) },
      update: { firstName: user.firstName, ...username },
      create: { id: BigInt(user.id), firstName: user.firstName, ...username },
    });
  }

  /** The language chosen with /language, or null. */
  async chosenLanguage(userId: number): Promise<string | null> {
    const row = await this.prisma.user.findUnique({ where: { id: BigInt(userId) }, select: { languageCode: true } });
    return row?.languageCode ?? null;
  }

  /** Saves the language chosen with /language. */
  async chooseLanguage(userId: number, languageCode: string): Promise<void> {
    await this.prisma.user.update({ where: { id: BigInt(userId) }, data: { languageCode } });
  }

  /** Remembers that the user blocked the bot (Telegram answered 403). */
  async markBlocked(userId: number, at: Date): Promise<void> {
    await this.prisma.user.updateMany({ where: { id: BigInt(userId), blockedAt: null }, data: { blockedAt: at } });
  }

  /**
   * Opts the user out of broadcasts (`at`) or back in (null), creating them if
   * needed; returns whether that changed anything.
   */
  async setNewsOptOut(user: TelegramUserInfo, at: Date | null): Promise<boolean> {
    await this.upsert(user);
    const changed = await this.prisma.user.updateMany({
      where: { id: BigInt(user.id), newsOptOutAt: at === null ? { not: null } : null },
      data: { newsOptOutAt: at },
    });
    return changed.count > 0;
  }

  /** The user is back (wrote to the bot or unblocked it); returns whether they had been blocked. */
  async markReturned(userId: number): Promise<boolean> {
    const changed = await this.prisma.user.updateMany({ where: { id: BigInt(userId), blockedAt: { not: null } }, data: { blockedAt: null } });
    return changed.count > 0;
  }
}
