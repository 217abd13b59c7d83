/**
 * Pending updates and getUpdates long polling with Telegram's semantics: an
 * update stays queued until a getUpdates call confirms it with a higher
 * `offset`; a call holds until an update arrives or its `timeout` elapses;
 * a second poll terminates the first with 409, as on Telegram.
 *
 * An update queued with `confirmOnFetch` models a bot that confirms a batch
 * before handling it (the grammY runner fetches the next batch, with a
 * higher offset, while the last one is still being handled): the batch that
 * hands it out is confirmed at once, so a process that dies before handling
 * it never sees it again. `loseOnFetch` goes one step further: the answer
 * carrying it is also lost on the way, as if the bot had died right after.
 */
import type { Update } from "grammy/types";
import { BotApiError, ConnectionDropped } from "./api-error.ts";
import type { ChangeSignal } from "./change-signal.ts";

/** How an update is queued. */
export interface EnqueueOptions {
  /**
   * Confirm the update, and every update handed out with it, as soon as a
   * getUpdates answer or a webhook POST hands it to the bot (a webhook
   * delivery of it is not retried either).
   */
  confirmOnFetch?: boolean;
  /**
   * Like `confirmOnFetch`, and the getUpdates answer that hands it out is
   * dropped (the connection closes without a response; with a webhook it is
   * never POSTed): "fetched, confirmed, crashed before handling it" without a
   * crash. Updates before it in that batch are lost with it; later ones come again.
   */
  loseOnFetch?: boolean;
}

/** The getUpdates parameters the queue honours (`allowed_updates` is ignored). */
export interface PollRequest {
  offset?: number;
  /** 1–100. */
  limit: number;
  /** Seconds to hold the request when nothing is pending; 0 answers at once. */
  timeoutSeconds: number;
}

interface HeldPoll {
  limit: number;
  resolve(updates: Update[]): void;
  reject(error: BotApiError | ConnectionDropped): void;
  timer: NodeJS.Timeout;
}

/** The update queue of one bot. */
export class UpdateQueue {
  #pending: Update[] = [];
  #confirmedBelow = 0;
  #held: HeldPoll | undefined;
  readonly #confirmOnFetch = new Set<number>();
  readonly #loseOnFetch = new Set<number>();

  /** @param signal notified when updates are queued or confirmed */
  constructor(private readonly signal: ChangeSignal) {}

  /** Updates not yet confirmed, oldest first. */
  get pending(): readonly Update[] {
    return this.#pending;
  }

  /** Queues an update and hands it to a held poll, if any. */
  push(update: Update, options: EnqueueOptions = {}): void {
    if (options.confirmOnFetch || options.loseOnFetch) this.#confirmOnFetch.add(update.update_id);
    if (options.loseOnFetch) this.#loseOnFetch.add(update.update_id);
    const last = this.#pending.at(-1);
    this.#pending.push(update);
    // Updates almost always arrive in id order; sorting every push made bursts quadratic.
    if (last && last.update_id > update.update_id) this.#pending.sort((a, b) => a.update_id - b.update_id);
    const held = this.#held;
    if (held) this.#release(held, this.#pending.slice(0, held.limit));
    this.signal.notify();
  }

  /** Whether the bot confirmed the update (a getUpdates offset above its id, or webhook delivery). */
  isConfirmed(updateId: number): boolean {
    return updateId < this.#confirmedBelow;
  }

  /** Confirms (drops) every update with an id below `offset`. */
  confirm(offset: number): void {
    if (offset <= this.#confirmedBelow) return;
    this.#confirmedBelow = offset;
    this.#pending = this.#pending.filter((update) => update.update_id >= offset);
    this.signal.notify();
  }

  /**
   * Notes that `updates` (a prefix of the pending ones) are being handed to
   * the bot: when one of them was queued with `confirmOnFetch` or
   * `loseOnFetch`, the batch up to it is confirmed now instead of by the next
   * offset. Returns whether the answer carrying the batch must be lost.
   */
  handOut(updates: readonly Update[]): { lost: boolean } {
    const flagged = updates.filter((update) => this.#confirmOnFetch.has(update.update_id)).at(-1);
    if (flagged) this.confirm(flagged.update_id + 1);
    return { lost: updates.some((update) => this.#loseOnFetch.has(update.update_id)) };
  }

  /** Drops every pending update (deleteWebhook / setWebhook with drop_pending_updates). */
  dropPending(): void {
    const last = this.#pending[this.#pending.length - 1];
    if (last) this.confirm(last.update_id + 1);
  }

  /**
   * Answers one getUpdates call. `onAbandon` lets the server cancel the hold
   * when the client goes away (grammY aborts its poll on `bot.stop()`).
   * Rejects with ConnectionDropped when the batch holds a `loseOnFetch` update.
   */
  poll(request: PollRequest, onAbandon: (cancel: () => void) => void): Promise<Update[]> {
    this.terminateHeld("terminated by other getUpdates request; make sure that only one bot instance is running");
    this.#applyOffset(request.offset);
    const ready = this.#pending.slice(0, request.limit);
    if (ready.length > 0 || request.timeoutSeconds <= 0) {
      return this.handOut(ready).lost ? Promise.reject(new ConnectionDropped()) : Promise.resolve(ready);
    }
    return new Promise<Update[]>((resolve, reject) => {
      const held: HeldPoll = {
        limit: request.limit,
        resolve,
        reject,
        timer: setTimeout(() => this.#release(held, []), request.timeoutSeconds * 1000),
      };
      held.timer.unref();
      this.#held = held;
      onAbandon(() => this.#release(held, []));
    });
  }

  /** Ends a held poll with 409 "Conflict: <reason>", as Telegram does when another poll or setWebhook arrives. */
  terminateHeld(reason: string): void {
    const held = this.#held;
    if (!held) return;
    this.#forget(held);
    held.reject(new BotApiError({ error_code: 409, description: `Conflict: ${reason}` }));
  }

  /** Answers a held poll with no updates, so close() never leaves a client hanging. */
  close(): void {
    if (this.#held) this.#release(this.#held, []);
  }

  #applyOffset(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset > 0) {
      this.confirm(offset);
      return;
    }
    // A negative offset keeps the last -offset updates and forgets the rest.
    const keepFrom = this.#pending[Math.max(0, this.#pending.length + offset)];
    if (keepFrom) this.confirm(keepFrom.update_id);
  }

  #release(held: HeldPoll, updates: Update[]): void {
    this.#forget(held);
    if (this.handOut(updates).lost) held.reject(new ConnectionDropped());
    else held.resolve(updates);
  }

  #forget(held: HeldPoll): void {
    clearTimeout(held.timer);
    if (this.#held === held) this.#held = undefined;
  }
}
