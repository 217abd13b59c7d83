/**
 * Sends the notification outbox. Rows are claimed in batches and sent with
 * bounded concurrency; the Telegram side (the messenger) is throttled to
 * Telegram's limits and retries 429s itself. A 403 marks the user blocked and
 * drops the row; other failures retry with backoff, then give up. A reminder
 * whose eSIM went into use since it was recorded is dropped unsent.
 *
 * Claimed rows are leased, as fulfilment jobs are (job-leases.ts): the lease
 * is renewed while a row waits for its turn and while it is sent, and right
 * before the send the sender confirms it still holds the row, so a slow send
 * (Telegram's pace, a loaded machine) is never taken over and sent again by
 * another instance, and a sender that stalled past its lease leaves the row
 * to the instance that took it over.
 */
import pLimit from "p-limit";
import type { LifecycleNotice } from "../domain/lifecycle.ts";
import { isReminderKind, reminderStillWanted } from "../domain/reminders.ts";
import type { ClaimedNotice, NotificationsRepository } from "../db/notifications-repository.ts";
import type { UsersRepository } from "../db/users-repository.ts";
import { JobLeases } from "./job-leases.ts";
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
  /** The leases of the rows this sender holds, renewed while it holds them. */
  readonly #leases: JobLeases;
  readonly #leaseMs: number;

  constructor(
    private readonly deps: {
      outbox: Pick<NotificationsRepository, "claimDue" | "extendLease" | "markSent" | "markDropped" | "retryAt">;
      users: Pick<UsersRepository, "markBlocked">;
      messenger: LifecycleMessenger;
      log: Logger;
      now: () => Date;
      /** Sends in flight at once; the messenger's throttler sets the real pace. */
      concurrency?: number;
      firstRetryMs?: number;
      /** How long a claimed row is this sender's unless renewed (5 minutes). */
      leaseMs?: number;
      /** How often the leases of held rows are renewed; a third of the lease unless told (tests). */
      leaseRenewEveryMs?: number;
    },
  ) {
    this.#leaseMs = deps.leaseMs ?? LEASE_MS;
    this.#leases = new JobLeases({
      store: deps.outbox,
      leaseMs: this.#leaseMs,
      renewEveryMs: deps.leaseRenewEveryMs,
      log: deps.log,
      now: deps.now,
      what: "notification",
    });
  }

  /** Sends every due row; returns how many were delivered. */
  async drain(): Promise<number> {
    const limit = pLimit(this.deps.concurrency ?? 30);
    let delivered = 0;
    for (;;) {
      const batch = await this.deps.outbox.claimDue(this.deps.now(), this.#leaseMs, BATCH);
      if (batch.length === 0) return delivered;
      for (const notice of batch) this.#leases.hold(notice.id, notice.leaseUntil);
      const results = await Promise.all(batch.map((notice) => limit(() => this.#sendHeld(notice))));
      delivered += results.filter(Boolean).length;
    }
  }

  /** Sends a claimed row unless another sender took it over meanwhile; stops renewing its lease either way. */
  async #sendHeld(notice: ClaimedNotice): Promise<boolean> {
    try {
      if (await this.#leases.confirm(notice.id)) return await this.#sendOne(notice);
      this.deps.log.warn({ notificationId: notice.id }, "another sender took this notification over (its lease ran out); leaving it to that sender");
      return false;
    } finally {
      await this.#leases.release(notice.id);
    }
  }

  async #sendOne(notice: ClaimedNotice): Promise<boolean> {
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
      const held = await this.#leases.release(notice.id);
      // Stryker disable next-line BlockStatement,BooleanLiteral: equivalent, both ways end in `return false`; the condition only picks the log line
      if (!held || !(await outbox.retryAt(notice.id, held, nextAttemptAt(now(), attempts, backoff), attempts, reason))) {
        log.warn({ err: error, notificationId: notice.id }, "notification failed after another sender took it over; leaving the retry to it");
        return false;
      }
      log.warn({ err: error, notificationId: notice.id, attempts }, "notification failed; will retry");
      return false;
    }
  }
}
