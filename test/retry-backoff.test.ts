import { describe, expect, it } from "vitest";
import { backoffDelayMs, nextAttemptAt } from "../src/services/retry-backoff.ts";

describe("retry backoff", () => {
  const policy = { firstMs: 5_000, maxMs: 60_000 };

  it("waits the first delay, then twice as long each time, up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelayMs(retry, policy))).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it("treats retry 0 like the first retry", () => {
    expect(backoffDelayMs(0, policy)).toBe(5_000);
  });

  it("dates the retry from now", () => {
    expect(nextAttemptAt(new Date("2030-01-01T00:00:00Z"), 2, policy)).toEqual(new Date("2030-01-01T00:00:10Z"));
  });
});
