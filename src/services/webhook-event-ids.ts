/**
 * Provider webhook events are handled once per event id: a replayed signed
 * delivery, or a provider delivering one event twice, is acknowledged and
 * changes nothing. The ids live in the database, so several instances of
 * the bot agree, and are forgotten after a day.
 */
import type { Logger } from "./logger.ts";

/** Event ids already handled (the WebhookEvent table). */
export interface HandledEventStore {
  /** Records the id; false when it is already there. */
  claim(eventId: string, at: Date): Promise<boolean>;
  release(eventId: string): Promise<void>;
  deleteReceivedBefore(cutoff: Date): Promise<number>;
}

/**
 * How long a handled event id is remembered. A replay older than 5 minutes
 * is refused by its signed timestamp, so a day is plenty; it also absorbs a
 * provider that delivers one event twice, signed afresh.
 */
export const HANDLED_EVENT_RETENTION_MS = 24 * 60 * 60_000;
/** Forgotten ids are deleted at most this often, on a claim. */
const SWEEP_INTERVAL_MS = 60 * 60_000;

/** The ids of webhook events this shop has handled. */
export class WebhookEventIds {
  #lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: { store: HandledEventStore; now: () => Date; log: Logger }) {}

  /** Marks an event as being handled; false when it was handled before. Ids older than a day are deleted now and then. */
  async claim(eventId: string): Promise<boolean> {
    const now = this.deps.now();
    const claimed = await this.deps.store.claim(eventId, now);
    if (now.getTime() - this.#lastSweep >= SWEEP_INTERVAL_MS) {
      this.#lastSweep = now.getTime();
      const forgotten = await this.deps.store.deleteReceivedBefore(new Date(now.getTime() - HANDLED_EVENT_RETENTION_MS));
      // Stryker disable next-line ConditionalExpression,EqualityOperator: decides only whether a debug line is logged
      if (forgotten > 0) this.deps.log.debug({ forgotten }, "old webhook event ids forgotten");
    }
    return claimed;
  }

  /** Undoes a claim whose handling failed, so the provider's retry is handled. */
  release(eventId: string): Promise<void> {
    return this.deps.store.release(eventId);
  }
}
