import { describe, expect, it } from "vitest";
import { detectEvents, effectiveStatus, nextPeriod, type EsimReading } from "../src/domain/lifecycle.ts";

const policy = { lowDataPercent: 20, expiryWarningHours: 24 };
const now = new Date("2026-11-25T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const reading = (over: Partial<EsimReading> = {}): EsimReading => ({
  status: "active",
  dataMb: 1000,
  usedMb: 0,
  activatedAt: days(-1),
  expiresAt: days(6),
  ...over,
});
const events = (r: EsimReading, period = 0) => detectEvents(r, period, now, policy).map((e) => `${e.event}@${e.period}`);

describe("lifecycle rules", () => {
  it("says nothing for an eSIM that is not installed yet", () => {
    expect(events(reading({ status: "issued", activatedAt: null, expiresAt: null }))).toEqual([]);
  });

  it("announces activation once per eSIM (period 0, whatever the current period)", () => {
    expect(events(reading(), 3)).toEqual(["activated@0"]);
  });

  it("announces activation from the status alone when the provider gives no activation time", () => {
    expect(events(reading({ activatedAt: null }))).toEqual(["activated@0"]);
    expect(events(reading({ activatedAt: null, status: "topped_up" }))).toEqual(["activated@0"]);
  });

  it("warns below the low-data share, not at it", () => {
    expect(events(reading({ usedMb: 800 }))).toEqual(["activated@0"]); // exactly 20 % left
    expect(events(reading({ usedMb: 850 }), 2)).toEqual(["activated@0", "data_low@2"]);
  });

  it("warns when validity ends within the warning window", () => {
    expect(events(reading({ expiresAt: new Date(now.getTime() + 23 * 3_600_000) }))).toEqual(["activated@0", "expiring_soon@0"]);
    expect(events(reading({ expiresAt: days(2) }))).toEqual(["activated@0"]);
    // Exactly at the window's edge: warned.
    expect(events(reading({ expiresAt: days(1) }))).toEqual(["activated@0", "expiring_soon@0"]);
  });

  it("treats used-up data and elapsed validity as expired, with no other warning", () => {
    expect(events(reading({ usedMb: 1000 }))).toEqual(["activated@0", "expired@0"]);
    expect(events(reading({ expiresAt: days(-0.001) }))).toEqual(["activated@0", "expired@0"]);
    expect(events(reading({ status: "expired" }))).toEqual(["activated@0", "expired@0"]);
    expect(effectiveStatus(reading({ usedMb: 1200 }), now)).toBe("expired");
    // Its validity ends at expiresAt itself: at that moment it is expired, a millisecond before it is not.
    expect(effectiveStatus(reading({ expiresAt: now }), now)).toBe("expired");
    expect(effectiveStatus(reading({ expiresAt: new Date(now.getTime() + 1) }), now)).toBe("active");
  });

  it("starts a new period on a top-up: more data or a later end", () => {
    const known = { period: 1, dataMb: 1000, expiresAt: days(6) };
    expect(nextPeriod(known, reading())).toBe(1);
    expect(nextPeriod(known, reading({ dataMb: 2000 }))).toBe(2);
    expect(nextPeriod(known, reading({ expiresAt: days(13) }))).toBe(2);
  });
});
