/**
 * Runs a unit of work every `intervalMs`, never two at once, and at once when
 * kicked (e.g. right after a payment). The durable state lives in the
 * database; this loop only decides when to look.
 */
import type { Logger } from "../services/logger.ts";

/** A running loop. */
export interface JobLoop {
  /** Runs the work as soon as the current run (if any) ends. */
  kick(): void;
  /** Stops the loop and waits for the current run to end. */
  stop(): Promise<void>;
}

/** Starts a loop calling `work` until stopped. `work` returning a positive count runs again immediately. */
export function startJobLoop(options: { name: string; intervalMs: number; work: () => Promise<number>; log: Logger }): JobLoop {
  const { intervalMs, work, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let kicked = false;
  let stopped = false;

  const schedule = (delay: number) => {
    if (stopped) return;
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

  schedule(0);
  return {
    kick() {
      if (running) kicked = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
