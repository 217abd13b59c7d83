/**
 * Sends the notification outbox. Rows are claimed in batches and sent with
 * bounded concurrency; the Telegram side (the messenger) is throttled to
 * Telegram's limits and retries 429s itself. A 403 marks the user blocked and
 * drops the row; other failures retry with backoff, then give up. A reminder
 * whose eSIM went into use since it was recorded is dropped unsent.
 */
import pLimit from "p-limit";
import type { LifecycleNotice } from "../domain/lifecycle.ts";
import { isReminderKind, reminderStillWanted } from "../domain/reminders.ts";
import type { NotificationsRepository } from "../db/notifications-repository.ts";
import type { UsersRepository } from "../db/users-repository.ts";
import type { Logger } from "./logger.ts";
import { RecipientUnreachableError } from "./ports.ts";
import { nextAttemptAt } from "./retry-backoff.ts";

/** Renders and sends one lifecycle notification; throws RecipientUnreachableError on 403. */
export interface LifecycleMessenger {
  send(notice: LifecycleNotice): Promise<void>;
}

const MAX_ATTEMPTS = 8;
const BATCH = 200;
const LEASE_MS = 5 * 60_000;

/** Drains the outbox. */
export class NotificationSender {
  constructor(
    private readonly deps: {
      outbox: Pick<NotificationsRepository, "claimDue" | "markSent" | "markDropped" | "retryAt">;
      users: Pick<UsersRepository, "markBlocked">;
      messenger: LifecycleMessenger;
      log: Logger;
      now: () => Date;
      /** Sends in flight at once; the messenger's throttler sets the real pace. */
      concurrency?: number;
      firstRetryMs?: number;
    },
  ) {}

  /** Sends every due row; returns how many were delivered. */
  async drain(): Promise<number> {
    const limit = pLimit(this.deps.concurrency ?? 30);
    let delivered = 0;
    for (;;) {
      const batch = await this.deps.outbox.claimDue(this.deps.now(), LEASE_MS, BATCH);
      if (batch.length === 0) return delivered;
      const results = await Promise.all(batch.map((notice) => limit(() => this.#sendOne(notice))));
      delivered += results.filter(Boolean).length;
    }
  }

  async #sendOne(notice: LifecycleNotice): Promise<boolean> {
    const { outbox, users, messenger, log, now } = this.deps;
    if (notice.blocked) {
      await outbox.markDropped(notice.id, "skipped", "user has blocked the bot");
      return false;
    }
    if (isReminderKind(notice.kind) && !reminderStillWanted(notice.esim.status)) {
      await outbox.markDropped(notice.id, "skipped", `the eSIM is ${notice.esim.status} now`);
      return false;
    }
    try {
      await messenger.send(notice);
      await outbox.markSent(notice.id, now());
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof RecipientUnreachableError) {
        await users.markBlocked(notice.userId, now());
        await outbox.markDropped(notice.id, "skipped", reason);
        log.info({ userId: notice.userId }, "user blocked the bot; not writing to them until they return");
        return false;
      }
      const attempts = notice.attempts + 1;
      if (attempts >= MAX_ATTEMPTS) {
        await outbox.markDropped(notice.id, "failed", reason);
        log.error({ err: error, notificationId: notice.id }, "notification given up");
        return false;
      }
      const backoff = { firstMs: this.deps.firstRetryMs ?? 5_000, maxMs: 30 * 60_000 };
      await outbox.retryAt(notice.id, nextAttemptAt(now(), attempts, backoff), attempts, reason);
      log.warn({ err: error, notificationId: notice.id, attempts }, "notification failed; will retry");
      return false;
    }
  }
}
