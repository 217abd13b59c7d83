/**
 * The leases of the fulfilment jobs one worker is running. A claimed job is
 * leased for a while; on several instances, a job still running when its
 * lease runs out is claimed again by another instance, which delivers it a
 * second time. So while a job runs its lease is renewed (every third of it),
 * and right before anything the buyer sees, the worker confirms it still
 * holds the job: one that lost it (it stalled past its lease, and another
 * worker took the job over) stops instead.
 *
 * A delivery's progress (how many of its messages Telegram accepted) is
 * recorded through the lease too, in the same statement: a worker that lost
 * the job records nothing and stops before its next message.
 *
 * A job's renewals, confirmations and records run one after another: each moves the
 * lease, and the lease value is the claim's token (jobs-repository.ts).
 * The timer runs only while jobs are held.
 */
import type { Logger } from "./logger.ts";

/** Where job leases live (JobsRepository). */
export interface JobLeaseStore {
  /** Moves a lease this worker holds (`heldUntil`) to `until` (recording `messagesSent` when given); false when the job is no longer its. */
  extendLease(orderId: string, heldUntil: Date, until: Date, now: Date, messagesSent?: number): Promise<boolean>;
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
    },
  ) {}

  /** Starts keeping the lease of a job just claimed (leased until `until`). */
  hold(orderId: string, until: Date): void {
    this.#held.set(orderId, { until, last: Promise.resolve(true), renewing: false, lost: false });
    if (!this.#timer) {
      const every = this.deps.renewEveryMs ?? Math.max(1, Math.floor(this.deps.leaseMs / 3));
      this.#timer = setInterval(() => this.#renewAll(), every);
      this.#timer.unref();
    }
  }

  /** Extends the job's lease now; false when the job is no longer this worker's. */
  confirm(orderId: string): Promise<boolean> {
    const held = this.#held.get(orderId);
    if (!held) return Promise.resolve(false);
    held.last = held.last.then(() => this.#extend(orderId, held));
    return held.last;
  }

  /**
   * Records that the job's first `messagesSent` delivery messages were
   * accepted, extending its lease with it; false when the job is no longer
   * this worker's. A database error is thrown (unlike a renewal's): the
   * message would otherwise be sent again after a crash, unknown to anyone.
   */
  recordSent(orderId: string, messagesSent: number): Promise<boolean> {
    const held = this.#held.get(orderId);
    if (!held) return Promise.resolve(false);
    const recorded = held.last.then(() => this.#extend(orderId, held, messagesSent));
    // The chain goes on after a failed record: later renewals still run.
    held.last = recorded.catch(() => !held.lost);
    return recorded;
  }

  /**
   * Stops keeping the job's lease once any renewal in progress has ended;
   * resolves with the lease it still holds, or undefined when it lost it.
   */
  async release(orderId: string): Promise<Date | undefined> {
    const held = this.#held.get(orderId);
    if (!held) return undefined;
    this.#held.delete(orderId);
    if (this.#held.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    await held.last;
    return held.lost ? undefined : held.until;
  }

  #renewAll(): void {
    for (const [orderId, held] of this.#held) {
      if (held.lost || held.renewing) continue;
      held.renewing = true;
      held.last = held.last.then(() => this.#extend(orderId, held)).finally(() => (held.renewing = false));
    }
  }

  async #extend(orderId: string, held: Held, messagesSent?: number): Promise<boolean> {
    if (held.lost) return false;
    const now = this.deps.now();
    const until = new Date(now.getTime() + this.deps.leaseMs);
    try {
      if (await this.deps.store.extendLease(orderId, held.until, until, now, messagesSent)) {
        held.until = until;
        return true;
      }
      held.lost = true;
      return false;
    } catch (error) {
      if (messagesSent !== undefined) throw error;
      // The lease stands until it runs out; the next renewal tries again.
      this.deps.log.warn({ err: error, orderId }, "could not renew a fulfilment job's lease");
      return !this.#expired(held, now);
    }
  }

  #expired(held: Held, now: Date): boolean {
    return held.until.getTime() <= now.getTime();
  }
}
