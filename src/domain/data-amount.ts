/** Data allowances: the wire speaks GB, we store MB (1 GB = 1024 MB). */

export const MB_PER_GB = 1024;

/** GB (possibly fractional) → whole MB. */
export function gbToMb(gb: number): number {
  return Math.round(gb * MB_PER_GB);
}

/** "500 MB", "1 GB", "1.5 GB". */
export function formatData(mb: number): string {
  if (mb < MB_PER_GB) return `${mb} MB`;
  const gb = mb / MB_PER_GB;
  return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
}
