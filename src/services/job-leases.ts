/**
 * The leases of the rows one worker holds: fulfilment jobs, notifications of
 * the outbox, refund intents — every worker table claimed with a lease
 * (claim-rows.ts). A claimed row is leased for a while; on several
 * instances, a row still being worked on when its lease runs out is claimed
 * again by another instance, which sends it a second time. So while a row is
 * held its lease is renewed (every third of it), and right before anything
 * the buyer sees (or Telegram is asked to refund), the worker confirms it
 * still holds the row: one that lost it (it stalled past its lease, and
 * another worker took the row over) stops instead.
 *
 * A fulfilment job's progress (how many of its delivery messages Telegram
 * accepted) is recorded through the lease too, in the same statement: a
 * worker that lost the job records nothing and stops before its next message.
 *
 * A row's renewals, confirmations and records run one after another: each
 * moves the lease, and the lease value is the claim's token (the
 * repositories' `extendLease` and `retryAt` match it). The timer runs only
 * while rows are held.
 */
import type { Logger } from "./logger.ts";

/** Where the leases live (JobsRepository, NotificationsRepository, RefundsRepository), by the row's key. */
export interface JobLeaseStore {
  /**
   * Moves a lease this worker holds (`heldUntil`) to `until`; false when the
   * row is no longer its. `messagesSent`, given only for fulfilment jobs, is
   * recorded in the same statement.
   */
  extendLease(id: string, heldUntil: Date, until: Date, now: Date, messagesSent?: number): Promise<boolean>;
}

interface Held {
  until: Date;
  /** The renewal or confirmation in progress, if any; later ones wait for it. */
  last: Promise<boolean>;
  /** A timer renewal is queued or running (a slow database must not stack them up). */
  renewing: boolean;
  lost: boolean;
}

/** The leases one worker holds. */
export class JobLeases {
  readonly #held = new Map<string, Held>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      store: JobLeaseStore;
      leaseMs: number;
      /** How often held leases are renewed: a third of the lease unless told. */
      renewEveryMs?: number;
      log: Logger;
      now: () => Date;
      /** What a row is, for the log ("fulfilment job" unless told). */
      what?: string;
    },
  ) {}

  /** Starts keeping the lease of a row just claimed (leased until `until`). */
  hold(id: string, until: Date): void {
    this.#held.set(id, { until, last: Promise.resolve(true), renewing: false, lost: false });
    if (!this.#timer) {
      const every = this.deps.renewEveryMs ?? Math.max(1, Math.floor(this.deps.leaseMs / 3));
      this.#timer = setInterval(() => this.#renewAll(), every);
      this.#timer.unref();
    }
  }

  /** Extends the row's lease now; false when the row is no longer this worker's. */
  confirm(id: string): Promise<boolean> {
    const held = this.#held.get(id);
    if (!held) return Promise.resolve(false);
    held.last = held.last.then(() => this.#extend(id, held));
    return held.last;
  }

  /**
   * Records that the job's first `messagesSent` delivery messages were
   * accepted, extending its lease with it; false when the job is no longer
   * this worker's. A database error is thrown (unlike a renewal's): the
   * message would otherwise be sent again after a crash, unknown to anyone.
   */
  recordSent(id: string, messagesSent: number): Promise<boolean> {
    const held = this.#held.get(id);
    if (!held) return Promise.resolve(false);
    const recorded = held.last.then(() => this.#extend(id, held, messagesSent));
    // The chain goes on after a failed record: later renewals still run.
    held.last = recorded.catch(() => !held.lost);
    return recorded;
  }

  /**
   * Stops keeping the row's lease once any renewal in progress has ended;
   * resolves with the lease it still holds, or undefined when it lost it.
   */
  async release(id: string): Promise<Date | undefined> {
    const held = this.#held.get(id);
    if (!held) return undefined;
    this.#held.delete(id);
    if (this.#held.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    await held.last;
    return held.lost ? undefined : held.until;
  }

  #renewAll(): void {
    for (const [id, held] of this.#held) {
      if (held.lost || held.renewing) continue;
      held.renewing = true;
      held.last = held.last.then(() => this.#extend(id, held)).finally(() => (held.renewing = false));
    }
  }

  async #extend(id: string, held: Held, messagesSent?: number): Promise<boolean> {
    if (held.lost) return false;
    const now = this.deps.now();
    const until = new Date(now.getTime() + this.deps.leaseMs);
    try {
      if (await this.deps.store.extendLease(id, held.until, until, now, messagesSent)) {
        held.until = until;
        return true;
      }
      held.lost = true;
      return false;
    } catch (error) {
      if (messagesSent !== undefined) throw error;
      // The lease stands until it runs out; the next renewal tries again.
      this.deps.log.warn({ err: error, id }, `could not renew a ${this.deps.what ?? "fulfilment job"}'s lease`);
      return !this.#expired(held, now);
    }
  }

  #expired(held: Held, now: Date): boolean {
    return held.until.getTime() <= now.getTime();
  }
}
