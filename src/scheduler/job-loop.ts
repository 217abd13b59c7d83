/**
 * Runs a unit of work every `intervalMs`, never two at once, and at once when
 * kicked (e.g. right after a payment). The durable state lives in the
 * database; this loop only decides when to look. It is built stopped, so the
 * services that kick it can be wired before anything runs.
 */
import type { Logger } from "../services/logger.ts";

/** A loop: built stopped, started and stopped by the app. */
export interface JobLoop {
  /** Starts the loop with a first run at once (e.g. jobs left from before a restart). */
  start(): void;
  /** Runs the work as soon as the current run (if any) ends; does nothing unless started. */
  kick(): void;
  /** Stops the loop and waits for the current run to end. */
  stop(): Promise<void>;
}

/** What the loop runs and how often. */
export interface JobLoopOptions {
  name: string;
  intervalMs: number;
  /** Returns how much it did; a positive count runs it again at once. */
  work: () => Promise<number>;
  log: Logger;
}

/** Builds a loop calling `work`; nothing runs until `start`. */
export function createJobLoop(options: JobLoopOptions): JobLoop {
  const { intervalMs, work, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let kicked = false;
  let state: "built" | "started" | "stopped" = "built";

  const schedule = (delay: number) => {
    if (state !== "started") return;
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  };

  function run(): void {
    if (running) {
      kicked = true;
      return;
    }
    kicked = false;
    running = work()
      .then((done) => {
        if (done > 0) kicked = true;
      })
      .catch((error: unknown) => log.error({ err: error, loop: options.name }, "job loop run failed"))
      .finally(() => {
        running = undefined;
        schedule(kicked ? 0 : intervalMs);
      });
  }

  return {
    start() {
      if (state !== "built") return;
      state = "started";
      schedule(0);
    },
    kick() {
      if (running) kicked = true;
      else schedule(0);
    },
    async stop() {
      state = "stopped";
      clearTimeout(timer);
      await running;
    },
  };
}
