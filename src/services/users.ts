/**
 * The travellers the bot talks to: who they are and whether they can be
 * written to. The bot records what it learns from updates here; the
 * repository stays behind the service (the bot layer never reaches db/).
 */
import type { TelegramUserInfo, UsersRepository } from "../db/users-repository.ts";

export type { TelegramUserInfo };

/** Remembering users and their reachability. */
export class UserService {
  constructor(
    private readonly users: UsersRepository,
    private readonly now: () => Date,
  ) {}

  /** Creates the user or refreshes their name. */
  remember(user: TelegramUserInfo): Promise<void> {
    return this.users.upsert(user);
  }

  /** The user blocked the bot: notifications skip them until they return. */
  blocked(userId: number): Promise<void> {
    return this.users.markBlocked(userId, this.now());
  }

  /** The user wrote again or unblocked the bot; true when they had been blocked. */
  returned(userId: number): Promise<boolean> {
    return this.users.markReturned(userId);
  }
}
