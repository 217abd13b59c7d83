/**
 * Two ways to offer updates: a burst (everything queued at once, up to a
 * window of outstanding updates) for throughput, and a fixed rate for
 * latency without queueing.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/** Queues update number `index` and resolves with its latency (ms from queueing to the reply). */
export type UpdateJob = (index: number) => Promise<number>;

/** What a load produced. */
export interface LoadResult {
  updates: number;
  /** From the first update queued to the last reply. */
  seconds: number;
  /** Per-update latency, ms. */
  latencies: number[];
}

/**
 * Runs `total` jobs with at most `window` waiting for their reply: with
 * `window` ≥ `total` all are queued at once.
 */
export async function burst(total: number, window: number, job: UpdateJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < total) {
      const index = next;
      next += 1;
      latencies.push(await job(index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, total) }, lane));
  return { updates: total, seconds: (performance.now() - started) / 1000, latencies };
}

/** Queues `ratePerSecond` updates a second for `seconds`, on schedule whatever the replies do. */
export async function paced(ratePerSecond: number, seconds: number, job: UpdateJob): Promise<LoadResult> {
  const total = Math.round(ratePerSecond * seconds);
  const pending: Array<Promise<number>> = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(job(index));
  }
  const latencies = await Promise.all(pending);
  return { updates: total, seconds: (performance.now() - started) / 1000, latencies };
}
