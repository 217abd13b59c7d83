/**
 * Runs an async function over a list with at most `limit` calls in flight:
 * enough parallelism to fetch a catalog quickly, few enough connections that
 * an upstream's rate limit is not tripped.
 */

/**
 * Maps `items` with `work`, `limit` at a time, keeping the order of `items`.
 * The first failure rejects the whole map and no new calls are started.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("mapConcurrent: limit must be a whole number ≥ 1");
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
