/**
 * Sends broadcasts: claims deliveries in small batches, sends them through
 * the throttled messenger, settles each, keeps the operator's progress
 * message current (at most every few seconds) and posts the final tally.
 *
 * At most once per traveller. A claim marks its rows `sending` in the same
 * statement (the attempt is recorded before the send), and a row goes back to
 * `pending` only when Telegram answered that it did not send it (429). A
 * crash mid-batch leaves rows `sending`; when their lease runs out they are
 * settled as failed, never sent again, since Telegram may have delivered them
 * before the process died. Batches are small, so a crash costs at most one
 * batch of unconfirmed sends. Several processes may send one broadcast: the
 * claims never overlap, and only the one that marks it done posts the tally.
 */
import type { BroadcastDeliveriesRepository, ClaimedDelivery } from "../../db/broadcast-deliveries-repository.ts";
import type { Broadcast, BroadcastsRepository } from "../../db/broadcasts-repository.ts";
import type { UsersRepository } from "../../db/users-repository.ts";
import { isSettled, type BroadcastContent, type BroadcastTally } from "../../domain/broadcast.ts";
import type { Logger } from "../logger.ts";
import { backoffDelayMs } from "../retry-backoff.ts";

export type { Broadcast };

/** Who one delivery goes to. */
export interface BroadcastRecipient {
  chatId: number;
  /** The recipient's language (the opt-out button's label). */
  language: string;
}

/** What became of one send, as the messenger classifies Telegram's answer. */
export type SendOutcome =
  | { kind: "sent" }
  /** 403: the traveller blocked the bot (or never started it). */
  | { kind: "blocked"; reason: string }
  /** Telegram said it did not send it (flood wait): it may be sent again. */
  | { kind: "refused"; reason: string; retryAfterMs: number | null }
  /** Refused for good, or the outcome is unknown (no answer, server error): never sent again. */
  | { kind: "failed"; reason: string };

/** A broadcast's state for its progress message. */
export interface BroadcastProgress {
  broadcast: Broadcast;
  tally: BroadcastTally;
  finished: boolean;
}

/** The Telegram side of broadcasts. */
export interface BroadcastMessenger {
  /** Sends the broadcast to one traveller; never throws. */
  deliver(content: BroadcastContent, recipient: BroadcastRecipient): Promise<SendOutcome>;
  /** Edits the progress message in the operator's chat, or sends it; returns its id (null when it could do neither). */
  showProgress(progress: BroadcastProgress): Promise<number | null>;
  /** Posts the final tally to the operator. */
  postTally(broadcast: Broadcast, tally: BroadcastTally): Promise<void>;
}

/** How the sender paces itself; the defaults suit production. */
export interface SenderOptions {
  /** How long a claimed delivery may stay `sending` before it counts as abandoned. */
  leaseMs: number;
  /** Deliveries claimed at once: at most this many are unconfirmed when a process dies. */
  batchSize: number;
  /** The progress message is edited at most this often. */
  progressEveryMs: number;
  /** Sends refused by Telegram are tried this many times in all. */
  maxAttempts: number;
}

/** Production pacing: a batch is about one second of Telegram's 30 messages a second. */
export const DEFAULT_SENDER_OPTIONS: SenderOptions = { leaseMs: 5 * 60_000, batchSize: 25, progressEveryMs: 3_000, maxAttempts: 5 };

const RETRY_BACKOFF = { firstMs: 5_000, maxMs: 5 * 60_000 };

/** What a sender is built on. */
export interface SenderDeps {
  deliveries: BroadcastDeliveriesRepository;
  broadcasts: BroadcastsRepository;
  users: UsersRepository;
  messenger: BroadcastMessenger;
  log: Logger;
  now: () => Date;
  options?: Partial<SenderOptions>;
}

/** Sends due deliveries and reports progress; run by a job loop. */
export class BroadcastSender {
  readonly #options: SenderOptions;
  readonly #contents = new Map<string, BroadcastContent | null>();
  readonly #lastProgressAt = new Map<string, number>();

  constructor(private readonly deps: SenderDeps) {
    this.#options = { ...DEFAULT_SENDER_OPTIONS, ...deps.options };
  }

  /** Settles abandoned sends, sends one batch, reports; returns the batch size (0: nothing was due). */
  async runDue(): Promise<number> {
    const { deliveries, log, now } = this.deps;
    const abandoned = await deliveries.failAbandoned(now());
    if (abandoned > 0) log.warn({ deliveries: abandoned }, "broadcast sends interrupted by a stop; settled as failed, not sent again");
    const batch = await deliveries.claimDue(now(), this.#options.leaseMs, this.#options.batchSize);
    if (batch.length > 0) await this.#sendBatch(batch);
    await this.#report(batch.length === 0);
    return batch.length;
  }

  async #sendBatch(batch: ClaimedDelivery[]): Promise<void> {
    const { deliveries } = this.deps;
    const optedOut = batch.filter((delivery) => delivery.optedOut);
    const blocked = batch.filter((delivery) => !delivery.optedOut && delivery.blocked);
    await deliveries.settle(ids(optedOut), "skipped", "opted out of news after the broadcast was confirmed");
    await deliveries.settle(ids(blocked), "blocked", "user has blocked the bot");
    const toSend = batch.filter((delivery) => !delivery.optedOut && !delivery.blocked);
    const outcomes = await Promise.all(toSend.map(async (delivery) => ({ delivery, outcome: await this.#deliver(delivery) })));
    await deliveries.markSent(ids(outcomes.filter((o) => o.outcome.kind === "sent").map((o) => o.delivery)), this.deps.now());
    for (const { delivery, outcome } of outcomes) await this.#settle(delivery, outcome);
  }

  async #deliver(delivery: ClaimedDelivery): Promise<SendOutcome> {
    const content = await this.#content(delivery.broadcastId);
    if (!content) return { kind: "failed", reason: "the broadcast is gone" };
    try {
      return await this.deps.messenger.deliver(content, { chatId: delivery.userId, language: delivery.languageCode });
    } catch (error) {
      return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async #settle(delivery: ClaimedDelivery, outcome: SendOutcome): Promise<void> {
    const { deliveries, users, log, now } = this.deps;
    switch (outcome.kind) {
      case "sent":
        return;
      case "blocked":
        await users.markBlocked(delivery.userId, now());
        await deliveries.settle([delivery.id], "blocked", outcome.reason);
        return;
      case "refused": {
        if (delivery.attempts >= this.#options.maxAttempts) {
          await deliveries.settle([delivery.id], "failed", outcome.reason);
          return;
        }
        const waitMs = Math.max(outcome.retryAfterMs ?? 0, backoffDelayMs(delivery.attempts, RETRY_BACKOFF));
        await deliveries.retryAt(delivery.id, new Date(now().getTime() + waitMs), outcome.reason);
        return;
      }
      case "failed":
        log.warn({ deliveryId: delivery.id, reason: outcome.reason }, "broadcast send failed; not retried");
        await deliveries.settle([delivery.id], "failed", outcome.reason);
    }
  }

  async #content(broadcastId: string): Promise<BroadcastContent | null> {
    if (!this.#contents.has(broadcastId)) {
      this.#contents.set(broadcastId, (await this.deps.broadcasts.find(broadcastId))?.content ?? null);
    }
    return this.#contents.get(broadcastId) ?? null;
  }

  /** Edits the progress of each sending broadcast when due; finishes the settled ones (checked when `idle`). */
  async #report(idle: boolean): Promise<void> {
    const now = this.deps.now().getTime();
    for (const broadcast of await this.deps.broadcasts.sending()) {
      const last = this.#lastProgressAt.get(broadcast.id);
      const due = last === undefined || now - last >= this.#options.progressEveryMs;
      if (!due && !idle) continue;
      const tally = await this.deps.broadcasts.tally(broadcast.id);
      if (isSettled(tally)) await this.#finish(broadcast, tally);
      else if (due) await this.#progress({ broadcast, tally, finished: false });
    }
  }

  async #progress(progress: BroadcastProgress): Promise<void> {
    const { broadcast } = progress;
    this.#lastProgressAt.set(broadcast.id, this.deps.now().getTime());
    const messageId = await this.deps.messenger.showProgress(progress).catch((error: unknown) => {
      this.deps.log.error({ err: error, broadcastId: broadcast.id }, "could not show broadcast progress");
      return null;
    });
    if (messageId !== null && messageId !== broadcast.progressMessageId) await this.deps.broadcasts.setProgressMessage(broadcast.id, messageId);
  }

  async #finish(broadcast: Broadcast, tally: BroadcastTally): Promise<void> {
    const { broadcasts, messenger, log, now } = this.deps;
    // Only the process that marks it done reports it, so the tally is posted once.
    if (!(await broadcasts.finish(broadcast.id, now()))) return;
    await this.#progress({ broadcast, tally, finished: true });
    this.#lastProgressAt.delete(broadcast.id);
    this.#contents.delete(broadcast.id);
    await messenger.postTally(broadcast, tally).catch((error: unknown) => log.error({ err: error, broadcastId: broadcast.id }, "could not post the broadcast tally"));
    log.info({ broadcastId: broadcast.id, ...tally }, "broadcast finished");
  }
}

function ids(deliveries: ClaimedDelivery[]): string[] {
  return deliveries.map((delivery) => delivery.id);
}
