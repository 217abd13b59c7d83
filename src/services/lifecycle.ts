/**
 * Watching sold eSIMs: a cycle claims the eSIMs that can still change, asks
 * the provider about each (bounded concurrency), and records each reading
 * with the notifications it calls for. One eSIM's upstream error never stops
 * the others. Webhooks feed the same `applyReading`, so a webhook and a poll
 * for the same event notify once.
 */
import pLimit, { type LimitFunction } from "p-limit";
import type { EsimReading, LifecyclePolicy } from "../domain/lifecycle.ts";
import type { LifecycleRepository, WatchedEsim } from "../db/lifecycle-repository.ts";
import type { EsimProvider } from "../providers/port.ts";
import type { Logger } from "./logger.ts";

/** What one cycle did. */
export interface CycleReport {
  polled: number;
  failed: number;
  notifications: number;
}

/** Polling and recording eSIM readings. */
export class LifecycleService {
  constructor(
    private readonly deps: {
      repo: LifecycleRepository;
      provider: EsimProvider;
      policy: LifecyclePolicy;
      log: Logger;
      now: () => Date;
    },
  ) {}

  /**
   * Polls every claimable eSIM once. Pages of `concurrency × 4` are claimed
   * ahead so the pipeline stays full, and at most two pages are in memory,
   * whatever the number of eSIMs.
   */
  async runCycle(options: { concurrency: number; leaseMs: number }): Promise<CycleReport> {
    const cycleStart = this.deps.now();
    const limit = pLimit(options.concurrency);
    const pageSize = options.concurrency * 4;
    const report: CycleReport = { polled: 0, failed: 0, notifications: 0 };
    let previous: Promise<unknown> = Promise.resolve();
    for (;;) {
      const page = await this.deps.repo.claim(this.deps.now(), cycleStart, options.leaseMs, pageSize);
      if (page.length === 0) break;
      const current = Promise.all(page.map((esim) => this.#pollOne(esim, report, limit)));
      await previous; // at most two pages claimed and in flight
      previous = current;
    }
    await previous;
    return report;
  }

  /** Records a reading that arrived another way (a provider webhook). */
  async applyReading(esimId: string, reading: EsimReading): Promise<number> {
    const created = await this.deps.repo.record(esimId, reading, this.deps.now(), this.deps.policy);
    return created.length;
  }

  /**
   * Asks the provider (holding one of the `limit` slots), then records the
   * reading without holding it, so slow commits never starve the requests.
   */
  async #pollOne(esim: WatchedEsim, report: CycleReport, limit: LimitFunction): Promise<void> {
    let usage: EsimReading;
    try {
      usage = await limit(() => this.deps.provider.getUsage(esim.providerOrderId));
    } catch (error) {
      report.failed++;
      this.deps.log.warn({ err: error, esimId: esim.id }, "polling an eSIM failed; next cycle tries again");
      await this.deps.repo.release(esim.id, this.deps.now()).catch(() => undefined);
      return;
    }
    try {
      const created = await this.deps.repo.recordPolled(esim, usage, this.deps.now(), this.deps.policy);
      report.notifications += created.length;
      report.polled++;
    } catch (error) {
      report.failed++;
      this.deps.log.error({ err: error, esimId: esim.id }, "recording an eSIM reading failed");
    }
  }
}

