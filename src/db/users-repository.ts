/** Telegram users who talked to the bot, and the language they chose. */
import { LRUCache } from "lru-cache";
import type { ShopPrisma } from "./prisma-types.ts";

/** The part of a Telegram user we keep. */
export interface TelegramUserInfo {
  id: number;
  firstName: string;
  /** The @username as Telegram sends it (stored in lower case); undefined leaves the stored one alone, null clears it. */
  username?: string | null;
}

/** What an update needs to know of a user's row; `exists: false` is a user with no row yet. */
interface UserRow {
  exists: boolean;
  firstName: string;
  /** Lower case, as stored. */
  username: string | null;
  languageCode: string | null;
  blocked: boolean;
}

const NO_ROW: UserRow = { exists: false, firstName: "", username: null, languageCode: null, blocked: false };

/** Options of {@link UsersRepository}. */
export interface UsersRepositoryOptions {
  /**
   * Keep this many users' rows in memory (least recently used go first), so
   * an update that changes nothing reads and writes nothing. Only for a
   * process that is the table's only writer (long polling: one process owns
   * the updates); with several instances (webhook mode) leave it unset,
   * or one instance would keep answering from a row another has changed.
   */
  cachedUsers?: number;
}

/**
 * Users in the shop's database. Every write to the User table goes through
 * here (order creation only inserts a missing row, which a cached "no row"
 * reads the same as), so the optional cache stays exact: each write updates
 * or evicts its entry.
 */
export class UsersRepository {
  readonly #cache: LRUCache<number, UserRow> | undefined;
  /** Counts invalidations: a row read or written while one happened is not cached (it may predate it). */
  #invalidations = 0;

  constructor(
    private readonly prisma: ShopPrisma,
    options: UsersRepositoryOptions = {},
  ) {
    this.#cache = options.cachedUsers ? new LRUCache({ max: options.cachedUsers }) : undefined;
  }

  /** Creates the user or refreshes their name (and username, when given); nothing is written when the cached row already says so. */
  async upsert(user: TelegramUserInfo): Promise<void> {
    const newUsername = user.username === undefined ? undefined : (user.username?.toLowerCase() ?? null);
    const username = newUsername === undefined ? {} : { username: newUsername };
    const before = this.#invalidations;
    const cached = this.#cache && (await this.#row(user.id));
    const sameUsername = newUsername === undefined || newUsername === cached?.username;
    if (cached?.exists && cached.firstName === user.firstName && sameUsername) return;
    await this.prisma.user.upsert({
      where: { id: BigInt(user.id) },
      update: { firstName: user.firstName, ...username },
      create: { id: BigInt(user.id), firstName: user.firstName, ...username },
    });
    // A new row starts with no language and not blocked, as a missing row reads.
    if (cached) this.#keep(user.id, { ...cached, exists: true, firstName: user.firstName, ...username }, before);
  }

  /** The language chosen with /language, or null. */
  async chosenLanguage(userId: number): Promise<string | null> {
    if (this.#cache) return (await this.#row(userId)).languageCode;
    const row = await this.prisma.user.findUnique({ where: { id: BigInt(userId) }, select: { languageCode: true } });
    return row?.languageCode ?? null;
  }

  /** Saves the language chosen with /language. */
  async chooseLanguage(userId: number, languageCode: string): Promise<void> {
    await this.#invalidating(userId, () => this.prisma.user.update({ where: { id: BigInt(userId) }, data: { languageCode } }));
  }

  /** Remembers that the user blocked the bot (Telegram answered 403). */
  async markBlocked(userId: number, at: Date): Promise<void> {
    await this.#invalidating(userId, () => this.prisma.user.updateMany({ where: { id: BigInt(userId), blockedAt: null }, data: { blockedAt: at } }));
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
    const before = this.#invalidations;
    const cached = this.#cache && (await this.#row(userId));
    if (cached && !cached.blocked) return false;
    const changed = await this.prisma.user.updateMany({ where: { id: BigInt(userId), blockedAt: { not: null } }, data: { blockedAt: null } });
    if (cached) this.#keep(userId, { ...cached, blocked: false }, before);
    return changed.count > 0;
  }

  /** The user's row from the cache, else read once and cached (only called when there is a cache). */
  async #row(userId: number): Promise<UserRow> {
    const cached = this.#cache?.get(userId);
    if (cached) return cached;
    const before = this.#invalidations;
    const row = await this.prisma.user.findUnique({
      where: { id: BigInt(userId) },
      select: { firstName: true, username: true, languageCode: true, blockedAt: true },
    });
    const read = row
      ? { exists: true, firstName: row.firstName, username: row.username, languageCode: row.languageCode, blocked: row.blockedAt !== null }
      : NO_ROW;
    this.#keep(userId, read, before);
    return read;
  }

  /** Caches `row` unless an invalidation happened since `before` (the row may be older than that write). */
  #keep(userId: number, row: UserRow, before: number): void {
    if (this.#invalidations === before) this.#cache?.set(userId, row);
    else this.#cache?.delete(userId);
  }

  /** Runs a write the cache cannot follow, evicting the user before and after it. */
  async #invalidating(userId: number, write: () => Promise<unknown>): Promise<void> {
    this.#invalidations++;
    this.#cache?.delete(userId);
    try {
      await write();
    } finally {
      this.#invalidations++;
      this.#cache?.delete(userId);
    }
  }
}
