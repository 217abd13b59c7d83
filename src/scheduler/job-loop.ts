/**
 * Runs a unit of work every `intervalMs` and at once when kicked (e.g. right
 * after a payment), at most `concurrency` runs at a time. The durable state
 * lives in the database (each run claims its own rows); this loop only
 * decides when to look. It is built stopped, so the services that kick it
 * can be wired before anything runs.
 */
import type { Logger } from "../services/logger.ts";

/** A loop: built stopped, started and stopped by the app. */
export interface JobLoop {
  /** Starts the loop with a first run at once (e.g. jobs left from before a restart). */
  start(): void;
  /** Runs the work at once, or as soon as a run ends when `concurrency` runs are busy; does nothing unless started. */
  kick(): void;
  /** Stops the loop and waits for the runs in progress to end. */
  stop(): Promise<void>;
}

/** What the loop runs and how often. */
export interface JobLoopOptions {
  name: string;
  intervalMs: number;
  /** Returns how much it did; a positive count runs it again at once. */
  work: () => Promise<number>;
  /**
   * Most runs at once (default 1). Above 1 the work must claim what it does
   * (as fulfilment claims job rows), so a kick during a slow run (a delivery
   * waits for Telegram's per-chat pace) starts a second run instead of waiting.
   */
  concurrency?: number;
  log: Logger;
}

/** Builds a loop calling `work`; nothing runs until `start`. */
export function createJobLoop(options: JobLoopOptions): JobLoop {
  const { intervalMs, work, log } = options;
  const concurrency = options.concurrency ?? 1;
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  /** A kick found every run busy, or a run did work: run again as soon as a run ends. */
  let kicked = false;
  /** Runs asked for by kicks that have not started yet (each kick gets one: see kick). */
  let pending = 0;
  let state: "built" | "started" | "stopped" = "built";

  const schedule = (delay: number) => {
    if (state !== "started") return;
    clearTimeout(timer);
    timer = setTimeout(() => run(false), delay);
  };

  /** Starts a run if a slot is free; a kick's own run leaves `kicked` to the kicks that found no slot. */
  function run(forKick: boolean): void {
    if (state !== "started") return;
    if (running.size >= concurrency) {
      kicked = true;
      return;
    }
    if (!forKick) kicked = false;
    const current: Promise<void> = work()
      .then((done) => {
        if (done > 0) kicked = true;
      })
      .catch((error: unknown) => log.error({ err: error, loop: options.name }, "job loop run failed"))
      .finally(() => {
        running.delete(current);
        // A kick whose own run is still to start needs no other; the timer belongs to the last run to end.
        if (pending > 0) return;
        if (kicked) schedule(0);
        else if (running.size === 0) schedule(intervalMs);
      });
    running.add(current);
  }

  return {
    start() {
      if (state !== "built") return;
      state = "started";
      schedule(0);
    },
    kick() {
      if (state !== "started") return;
      if (running.size + pending >= concurrency) {
        kicked = true;
        return;
      }
      // A run of its own, not the shared timer: a run takes a bounded batch (fulfilment: 10 jobs), so the kicks of a
      // burst of payments folded into one run left the rest of the burst until a run ended (seconds, with deliveries).
      pending++;
      setTimeout(() => {
        pending--;
        run(true);
      }, 0);
    },
    async stop() {
      state = "stopped";
      clearTimeout(timer);
      await Promise.all(running);
    },
  };
}
