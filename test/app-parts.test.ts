/** The app's ordered start and stop (src/app/parts.ts). */
import { describe, expect, it } from "vitest";
import { Parts, type Part } from "../src/app/parts.ts";

/** A logger recording error lines. */
function recordingLog(errors: string[]) {
  const log = {
    info: () => undefined,
    warn: () => undefined,
    debug: () => undefined,
    error: (obj: object, msg?: string) => void errors.push(`${msg} ${(obj as { part?: string }).part}`),
    child: () => log,
  };
  return log;
}

function part(name: string, events: string[], fail: { start?: boolean; stop?: boolean } = {}): Part {
  return {
    name,
    async start() {
      if (fail.start) throw new Error(`${name} failed to start`);
      events.push(`start ${name}`);
    },
    async stop() {
      if (fail.stop) throw new Error(`${name} failed to stop`);
      events.push(`stop ${name}`);
    },
  };
}

describe("Parts", () => {
  it("starts in order and stops in reverse, once", async () => {
    const events: string[] = [];
    const parts = new Parts(recordingLog([]));
    await parts.start(part("database", events), part("loop", events));
    await parts.start(part("polling", events));
    await parts.stop();
    await parts.stop();
    expect(events).toEqual(["start database", "start loop", "start polling", "stop polling", "stop loop", "stop database"]);
  });

  it("a part that fails to start stops everything started before it, and the error reaches the caller", async () => {
    const events: string[] = [];
    const parts = new Parts(recordingLog([]));
    await parts.start(part("database", events));
    await expect(parts.start(part("loop", events), part("server", events, { start: true }), part("polling", events))).rejects.toThrow(
      "server failed to start",
    );
    expect(events).toEqual(["start database", "start loop", "stop loop", "stop database"]);
    await expect(parts.start(part("late", events))).rejects.toThrow("stopped");
  });

  it("a part that fails to stop is logged and the others still stop", async () => {
    const events: string[] = [];
    const errors: string[] = [];
    const parts = new Parts(recordingLog(errors));
    await parts.start(part("database", events), part("server", events, { stop: true }), part("polling", events));
    await parts.stop();
    expect(events).toEqual(["start database", "start server", "start polling", "stop polling", "stop database"]);
    expect(errors).toEqual(["a part failed to stop server"]);
  });

  it("opens a resource as a part and closes it in turn", async () => {
    const events: string[] = [];
    const parts = new Parts(recordingLog([]));
    const db = await parts.open("database", async () => ({ url: "file:x" }), async (opened) => void events.push(`close ${opened.url}`));
    expect(db).toEqual({ url: "file:x" });
    await parts.start(part("loop", events));
    await parts.stop();
    expect(events).toEqual(["start loop", "stop loop", "close file:x"]);
  });
});
