/** The fulfilment loop's timing (src/scheduler/job-loop.ts): built stopped, runs on start, on kicks and on its timer. */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createJobLoop } from "../src/scheduler/job-loop.ts";

const log = pino({ level: "silent" });

/** Resolves once `check` holds, polling every few ms; fails after a second. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 1_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("job loop", () => {
  it("does nothing until started, then runs at once and on kicks", async () => {
    let runs = 0;
    const loop = createJobLoop({ name: "test", intervalMs: 60_000, work: async () => (runs++, 0), log });
    loop.kick();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(0);

    loop.start();
    await until(() => runs === 1);
    loop.kick();
    await until(() => runs === 2);
    await loop.stop();
  });

  it("runs again at once while there was work, and never after stop", async () => {
    let left = 3;
    let runs = 0;
    const loop = createJobLoop({ name: "test", intervalMs: 60_000, work: async () => (runs++, left > 0 ? left-- : 0), log });
    loop.start();
    await until(() => runs === 4);
    await loop.stop();
    loop.kick();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(4);
  });

  it("starts another run on a kick while a slow one is busy, up to its concurrency", async () => {
    const releases: Array<() => void> = [];
    let busy = 0;
    let mostBusy = 0;
    const work = async () => {
      busy++;
      mostBusy = Math.max(mostBusy, busy);
      await new Promise<void>((resolve) => releases.push(resolve));
      busy--;
      return 0;
    };
    const loop = createJobLoop({ name: "test", intervalMs: 60_000, work, concurrency: 2, log });
    loop.start();
    await until(() => releases.length === 1);
    loop.kick();
    // The second run starts while the first is still waiting: a payment does not wait for an earlier delivery.
    await until(() => releases.length === 2);
    loop.kick();
    loop.kick();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(releases).toHaveLength(2);
    // The kicks made while both were busy are not lost: one more run follows when a slot frees.
    releases[0]!();
    await until(() => releases.length === 3);
    expect(mostBusy).toBe(2);
    releases[1]!();
    releases[2]!();
    await loop.stop();
    expect(busy).toBe(0);
  });

  it("runs one at a time by default", async () => {
    const releases: Array<() => void> = [];
    const loop = createJobLoop({ name: "test", intervalMs: 60_000, work: () => new Promise<number>((resolve) => releases.push(() => resolve(0))), log });
    loop.start();
    await until(() => releases.length === 1);
    loop.kick();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(releases).toHaveLength(1);
    releases[0]!();
    await until(() => releases.length === 2);
    releases[1]!();
    await loop.stop();
  });

  it("keeps a kick made while a run is ending in the same turn (a payment is not left for the timer)", async () => {
    const releases: Array<() => void> = [];
    const loop = createJobLoop({ name: "test", intervalMs: 60_000, work: () => new Promise<number>((resolve) => releases.push(() => resolve(0))), concurrency: 16, log });
    loop.start();
    await until(() => releases.length === 1);
    // A payment kicks while an earlier delivery's run is busy, and that run ends before the kicked one starts.
    loop.kick();
    releases[0]!();
    await until(() => releases.length === 2);
    releases[1]!();
    await loop.stop();
  });

  it("gives every kick of one turn a run of its own, up to its concurrency (a burst of payments is claimed at once)", async () => {
    const releases: Array<() => void> = [];
    const loop = createJobLoop({ name: "test", intervalMs: 60_000, work: () => new Promise<number>((resolve) => releases.push(() => resolve(0))), concurrency: 4, log });
    loop.start();
    await until(() => releases.length === 1);
    // Each run claims a bounded batch: kicks folded into one run would leave the rest of a burst until a run ends.
    for (let i = 0; i < 4; i++) loop.kick();
    await until(() => releases.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(releases).toHaveLength(4);
    // The kick that found every run busy is kept for the first slot that frees.
    releases[0]!();
    await until(() => releases.length === 5);
    for (const release of releases.slice(1)) release();
    await loop.stop();
  });
});
