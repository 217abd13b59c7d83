/**
 * Sends the notification outbox in the background when asked to, e.g. right
 * after a webhook or a balance refresh recorded something. Requests while a drain runs coalesce
 * into one more run, so a burst of webhooks costs at most two drains. The
 * outbox claims rows with leases, so this never double-sends with the
 * scheduler's own drain.
 */
import type { Logger } from "./logger.ts";

/** Coalescing background runner of `drain`. */
export class BackgroundDrain {
  #running: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly drain: () => Promise<unknown>,
    private readonly log: Logger,
  ) {}

  /** Starts a drain now, or one more after the running one. Never throws. */
  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#run();
  }

  /** Resolves when no drain is running (before shutting down). */
  async idle(): Promise<void> {
    await this.#running;
  }

  async #run(): Promise<void> {
    try {
      do {
        this.#again = false;
        try {
          await this.drain();
        } catch (error) {
          // The rows stay in the outbox; the next tick sends them.
          this.log.error({ err: error }, "sending notifications in the background failed");
        }
      } while (this.#again);
    } finally {
      // Cleared in the same step as the last check, so no kick falls between them.
      this.#running = undefined;
    }
  }
}
