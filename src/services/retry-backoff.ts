/**
 * The exponential backoff of our durable retries (fulfilment jobs and the
 * notification outbox): the first retry waits `firstMs`, each further one
 * twice as long as the one before, never longer than `maxMs`.
 */

/** How long retries wait. */
export interface BackoffPolicy {
  /** The wait before the first retry. */
  firstMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
}

/** The wait before retry number `retry` (1 = the first retry). */
export function backoffDelayMs(retry: number, policy: BackoffPolicy): number {
  return Math.min(policy.firstMs * 2 ** Math.max(retry - 1, 0), policy.maxMs);
}

/** When retry number `retry` is due, counted from `now`. */
export function nextAttemptAt(now: Date, retry: number, policy: BackoffPolicy): Date {
  return new Date(now.getTime() + backoffDelayMs(retry, policy));
}
