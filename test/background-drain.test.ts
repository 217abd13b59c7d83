/** The coalescing background drain that sends the outbox after webhooks. */
import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { BackgroundDrain } from "../src/services/background-drain.ts";
import type { Logger } from "../src/services/logger.ts";

/** A drain that waits until released, counting its runs. */
function gatedDrain() {
  let runs = 0;
  let release: (() => void) | undefined;
  const drain = () => {
    runs++;
    return new Promise<number>((resolve) => (release = () => resolve(0)));
  };
  return { drain, runs: () => runs, release: () => release?.() };
}

describe("background drain", () => {
  it("runs at once, and kicks during a run make exactly one more run", async () => {
    const gate = gatedDrain();
    const background = new BackgroundDrain(gate.drain, pino({ level: "silent" }));
    background.kick();
    expect(gate.runs()).toBe(1);
    background.kick();
    background.kick();
    background.kick();
    gate.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.runs()).toBe(2);
    gate.release();
    await background.idle();
    expect(gate.runs()).toBe(2);

    background.kick(); // idle again: a new run starts
    expect(gate.runs()).toBe(3);
    gate.release();
    await background.idle();
  });

  it("logs a failed drain and keeps working", async () => {
    const errors: string[] = [];
    const log: Logger = {
      info: () => undefined,
      warn: () => undefined,
      debug: () => undefined,
      error: (_, msg) => void errors.push(msg ?? ""),
      child: () => log,
    };
    let calls = 0;
    const background = new BackgroundDrain(async () => {
      calls++;
      if (calls === 1) throw new Error("database gone");
      return 0;
    }, log);
    background.kick();
    await background.idle();
    expect(errors).toEqual(["sending notifications in the background failed"]);
    background.kick();
    await background.idle();
    expect(calls).toBe(2);
  });
});
