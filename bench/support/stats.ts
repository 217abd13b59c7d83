/** Percentiles of latency samples, for the benchmarks' tables. */

/** A latency distribution in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The `q`-quantile (0–1) of `sorted` by the nearest-rank method, so a
 * percentile is always a latency that was observed; NaN when empty.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50/p95/p99/max of the samples (milliseconds). */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** A number for a table cell: "—" when unknown, else `digits` decimals. */
export function cell(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? "—" : value.toFixed(digits);
}
