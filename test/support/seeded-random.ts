/**
 * Seeded randomness for tests whose random choices (kill moments, faults)
 * must replay: the same seed gives the same choices (pure-rand's
 * xoroshiro128+).
 */
import prand from "pure-rand";

/** Random choices from one seed. */
export interface SeededRandom {
  readonly seed: number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** The seed from `value` (e.g. an environment variable), else a fresh one. */
export function seedFrom(value: string | undefined): number {
  if (value !== undefined && value !== "") {
    const seed = Number(value);
    if (!Number.isSafeInteger(seed)) throw new Error(`a seed is an integer, got ${JSON.stringify(value)}`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

/** A generator for `seed`. */
export function seededRandom(seed: number): SeededRandom {
  const rng = prand.xoroshiro128plus(seed);
  const int = (min: number, max: number) => prand.unsafeUniformIntDistribution(min, max, rng);
  return {
    seed,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick: no items");
      return items[int(0, items.length - 1)]!;
    },
    chance: (p) => int(0, 999_999) < p * 1_000_000,
  };
}
