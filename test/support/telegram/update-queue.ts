/**
 * Pending updates and getUpdates long polling with Telegram's semantics: an
 * update stays queued until a getUpdates call confirms it with a higher
 * `offset`; a call holds until an update arrives or its `timeout` elapses;
 * a second poll terminates the first with 409, as on Telegram.
 */
import type { Update } from "grammy/types";
import { BotApiError } from "./api-error.ts";
import type { ChangeSignal } from "./change-signal.ts";

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
  reject(error: BotApiError): void;
  timer: NodeJS.Timeout;
}

/** The update queue of one bot. */
export class UpdateQueue {
  #pending: Update[] = [];
  #confirmedBelow = 0;
  #held: HeldPoll | undefined;

  /** @param signal notified when updates are queued or confirmed */
  constructor(private readonly signal: ChangeSignal) {}

  /** Updates not yet confirmed, oldest first. */
  get pending(): readonly Update[] {
    return this.#pending;
  }

  /** Queues an update and hands it to a held poll, if any. */
  push(update: Update): void {
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

  /** Drops every pending update (deleteWebhook / setWebhook with drop_pending_updates). */
  dropPending(): void {
    const last = this.#pending[this.#pending.length - 1];
    if (last) this.confirm(last.update_id + 1);
  }

  /**
   * Answers one getUpdates call. `onAbandon` lets the server cancel the hold
   * when the client goes away (grammY aborts its poll on `bot.stop()`).
   */
  poll(request: PollRequest, onAbandon: (cancel: () => void) => void): Promise<Update[]> {
    this.terminateHeld("terminated by other getUpdates request; make sure that only one bot instance is running");
    this.#applyOffset(request.offset);
    const ready = this.#pending.slice(0, request.limit);
    if (ready.length > 0 || request.timeoutSeconds <= 0) return Promise.resolve(ready);
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
    held.resolve(updates);
  }

  #forget(held: HeldPoll): void {
    clearTimeout(held.timer);
    if (this.#held === held) this.#held = undefined;
  }
}
