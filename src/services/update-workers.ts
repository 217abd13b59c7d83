/**
 * The workers that handle queued Telegram updates (webhook mode), on every
 * instance sharing the database. They claim updates (each the oldest
 * unfinished one of a chat nobody is handling: see
 * inbound-updates-repository.ts), run them through the bot, and mark them
 * done; a handled chat's next update is claimed at once.
 *
 * A claim is leased; the lease is renewed while the update is handled, so
 * a slow handler keeps it, and a worker that dies (SIGKILL, a lost machine)
 * lets it run out: another instance then handles the update again (at least
 * once). An update taken more than `maxAttempts` times (it keeps killing
 * its worker) is marked failed without running it again.
 *
 * Wakes: at once after this instance stored an update or finished one, and
 * every `idleMs` otherwise (updates stored by other instances, run-out leases).
 */
import type { ClaimedUpdate } from "../db/inbound-updates-repository.ts";
import type { Logger } from "./logger.ts";

/** The queue the workers take updates from. */
export interface ClaimedUpdateQueue {
  claim(now: Date, leaseMs: number, limit: number): Promise<ClaimedUpdate[]>;
  renew(held: readonly ClaimedUpdate[], leaseUntil: Date, now: Date): Promise<void>;
  /** False when the claim was no longer this worker's. */
  finish(update: ClaimedUpdate, status: "done" | "failed", now: Date): Promise<boolean>;
  deleteFinishedBefore(cutoff: Date): Promise<number>;
}

/** How the workers run. */
export interface UpdateWorkerOptions {
  /** Updates handled at once by this instance (of different chats). */
  concurrency: number;
  /** How long a claim lasts unless renewed; renewed every third of it. */
  leaseMs: number;
  /** How often an idle instance looks for work stored elsewhere. */
  idleMs: number;
  /** How long finished updates are kept, so a late redelivery is recognised. */
  keepMs: number;
  /** Claims after which an update is given up (it keeps killing its worker). */
  maxAttempts: number;
}

/** Default options: 32 updates at once, 30 s leases, a look every 250 ms, finished updates kept a day. */
export const DEFAULT_WORKER_OPTIONS: UpdateWorkerOptions = {
  concurrency: 32,
  leaseMs: 30_000,
  idleMs: 250,
  keepMs: 24 * 3_600_000,
  maxAttempts: 5,
};

const PRUNE_EVERY_MS = 10 * 60_000;

/** Handles one update; "failed" when the bot's error handler was called (it logged it). */
export type HandleUpdate = (update: ClaimedUpdate) => Promise<"done" | "failed">;

/** The worker pool of one instance: built stopped. */
export class UpdateWorkers {
  readonly #inFlight = new Map<number, { update: ClaimedUpdate; done: Promise<void> }>();
  #state: "built" | "started" | "stopping" | "stopped" = "built";
  #pumping: Promise<void> | undefined;
  #again = false;
  #idleTimer: NodeJS.Timeout | undefined;
  #renewTimer: NodeJS.Timeout | undefined;
  #lastPrune = 0;

  constructor(
    private readonly deps: {
      queue: ClaimedUpdateQueue;
      handle: HandleUpdate;
      options: UpdateWorkerOptions;
      log: Logger;
      now: () => Date;
    },
  ) {}

  /** Starts claiming (updates left from before a restart first). */
  start(): void {
    if (this.#state !== "built") return;
    this.#state = "started";
    this.#renewTimer = setInterval(() => void this.#renew(), Math.max(1, Math.floor(this.deps.options.leaseMs / 3)));
    this.kick();
  }

  /** Looks for work now (an update was stored). */
  kick(): void {
    if (this.#state !== "started") return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#idleTimer);
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      } else this.#idle();
    });
  }

  /** Stops claiming, waits for the updates in flight to be handled and marked, then stops renewing. */
  async stop(): Promise<void> {
    if (this.#state === "stopped") return;
    this.#state = "stopping";
    clearTimeout(this.#idleTimer);
    await this.#pumping;
    await Promise.all([...this.#inFlight.values()].map((entry) => entry.done));
    clearInterval(this.#renewTimer);
    this.#state = "stopped";
  }

  async #pump(): Promise<void> {
    const { queue, options, log, now } = this.deps;
    try {
      for (;;) {
        const free = options.concurrency - this.#inFlight.size;
        if (free <= 0 || this.#state !== "started") return;
        const claimed = await queue.claim(now(), options.leaseMs, free);
        for (const update of claimed) this.#run(update);
        if (claimed.length === 0) break;
      }
      await this.#pruneNow();
    } catch (error) {
      log.error({ err: error }, "could not claim queued updates; trying again shortly");
    }
  }

  #idle(): void {
    if (this.#state !== "started") return;
    this.#idleTimer = setTimeout(() => this.kick(), this.deps.options.idleMs);
  }

  #run(update: ClaimedUpdate): void {
    const done = this.#handle(update).finally(() => {
      this.#inFlight.delete(update.updateId);
      // The chat's next update may be waiting for this one.
      this.kick();
    });
    this.#inFlight.set(update.updateId, { update, done });
  }

  async #handle(update: ClaimedUpdate): Promise<void> {
    const { queue, options, log, now } = this.deps;
    const about = { updateId: update.updateId, attempts: update.attempts };
    let status: "done" | "failed";
    if (update.attempts > options.maxAttempts) {
      log.error(about, "update given up: its workers kept dying while handling it");
      status = "failed";
    } else {
      if (update.attempts > 1) log.warn(about, "handling an update again: the worker that took it before stopped without finishing it");
      status = await this.deps.handle(update).catch((error: unknown) => {
        log.error({ ...about, err: error }, "update could not be handled");
        return "failed" as const;
      });
    }
    try {
      if (!(await queue.finish(update, status, now()))) log.warn(about, "update was taken over by another worker while this one handled it");
    } catch (error) {
      // The lease runs out and the update is handled again: at least once.
      log.error({ ...about, err: error }, "could not mark an update as handled; it will be handled again");
    }
  }

  async #renew(): Promise<void> {
    const held = [...this.#inFlight.values()].map((entry) => entry.update);
    if (held.length === 0) return;
    const at = this.deps.now();
    await this.deps.queue
      .renew(held, new Date(at.getTime() + this.deps.options.leaseMs), at)
      .catch((error: unknown) => this.deps.log.warn({ err: error }, "could not renew the leases of updates in flight"));
  }

  async #pruneNow(): Promise<void> {
    const at = this.deps.now().getTime();
    if (at - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = at;
    const pruned = await this.deps.queue.deleteFinishedBefore(new Date(at - this.deps.options.keepMs));
    if (pruned > 0) this.deps.log.info({ pruned }, "handled updates older than a day pruned");
  }
}
