/**
 * How many typing mistakes separate two search keys. Levenshtein distance
 * (fastest-levenshtein) filters; swapped neighbours ("Japna", "Гремания"),
 * the most common slip, then count as one edit instead of two.
 */
import { distance } from "fastest-levenshtein";

/**
 * Optimal-string-alignment distance: Levenshtein plus the swap of two
 * adjacent letters as a single edit. Quadratic, so only run on the few
 * keys that Levenshtein leaves in play.
 */
function alignmentDistance(a: string, b: string): number {
  const width = b.length + 1;
  // Three rolling rows: two back are needed to see a swap.
  let beforePrevious = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current[j] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] ?? 0;
}

/**
 * Edits between a typed key and a name's key, or null when more than
 * `limit`. Each swap of neighbours saves at most one edit, so Levenshtein
 * above twice the limit rules a key out without the slower count.
 */
export function typoDistance(typed: string, name: string, limit: number): number | null {
  if (Math.abs(typed.length - name.length) > limit) return null;
  const levenshtein = distance(typed, name);
  if (levenshtein <= 1) return levenshtein;
  if (levenshtein > 2 * limit) return null;
  const edits = alignmentDistance(typed, name);
  return edits <= limit ? edits : null;
}
