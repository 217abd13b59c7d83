/**
 * Keeps the catalog fresh: refreshes every `refreshMs`, and every `retryMs`
 * while it is empty (the provider was down at start). A failed refresh keeps
 * the last good catalog; a run of failures is logged once, and so is the recovery.
 */
import type { CatalogService } from "../services/catalog.ts";
import type { Logger } from "../services/logger.ts";

/** Refreshes the catalog on demand and on a timer. */
export class CatalogRefresher {
  #failing = false;
  #lastSuccess = 0;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<boolean> | undefined;

  constructor(
    private readonly catalog: CatalogService,
    /** Called after each successful refresh (e.g. to rebuild the search index). */
    private readonly onRefreshed: () => void,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Refreshes now; never throws. Returns whether it succeeded. */
  async refresh(): Promise<boolean> {
    try {
      await this.catalog.refresh();
    } catch (error) {
      if (!this.#failing) {
        this.log.error(
          { err: error, plansKept: this.catalog.size },
          this.catalog.size ? "catalog refresh failed; keeping the last good catalog" : "catalog unavailable; retrying",
        );
      }
      this.#failing = true;
      return false;
    }
    if (this.#failing) this.log.info({ plans: this.catalog.size }, "catalog refresh recovered");
    this.#failing = false;
    this.#lastSuccess = this.clock();
    this.onRefreshed();
    return true;
  }

  /**
   * Starts the timer: a check every `retryMs`, a refresh when empty or
   * `refreshMs` after the last success. A refresh still running when the
   * timer fires is left to finish: on a slow provider or a busy machine,
   * overlapping refreshes would only pile up.
   */
  start(refreshMs: number, retryMs: number): void {
    this.#timer = setInterval(() => {
      if (this.#running) return;
      if (this.catalog.size === 0 || this.clock() - this.#lastSuccess >= refreshMs) {
        this.#running = this.refresh().finally(() => (this.#running = undefined));
      }
    }, Math.min(retryMs, refreshMs));
  }

  /** Stops the timer. */
  stop(): void {
    clearInterval(this.#timer);
  }
}
