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
});
