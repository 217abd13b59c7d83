/**
 * The per-update logger (src/bot/update-context.ts): bound to the update's id,
 * made once per update and only when the update logs.
 */
import { Api } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { contextWithLogger } from "../src/bot/update-context.ts";
import type { Logger } from "../src/services/logger.ts";

/** A logger that records its lines with their bindings, and counts the children made. */
function recordingLogger(): { log: Logger; lines: Array<Record<string, unknown>>; children: () => number } {
  const lines: Array<Record<string, unknown>> = [];
  let children = 0;
  const make = (bindings: Record<string, unknown>): Logger => {
    const write = (obj: object, msg?: string) => void lines.push({ ...bindings, ...obj, msg });
    return {
      info: write,
      warn: write,
      error: write,
      debug: write,
      child: (more) => {
        children++;
        return make({ ...bindings, ...more });
      },
    };
  };
  return { log: make({}), lines, children: () => children };
}

const me = { id: 1, is_bot: true, first_name: "Shop", username: "shop_bot" } as UserFromGetMe;
const api = new Api("1:test", { apiRoot: "http://127.0.0.1:9" });
const update = (update_id: number): Update => ({ update_id, message: { message_id: 1, date: 0, chat: { id: 7, type: "private", first_name: "Kim" }, from: { id: 7, is_bot: false, first_name: "Kim" }, text: "hi" } });

describe("the per-update logger", () => {
  it("carries the update's id, is made once per update, and not at all for an update that logs nothing", () => {
    const { log, lines, children } = recordingLogger();
    const UpdateContext = contextWithLogger(log);
    const quiet = new UpdateContext(update(41), api, me);
    expect(quiet.update.update_id).toBe(41);
    expect(children()).toBe(0);

    const ctx = new UpdateContext(update(42), api, me) as InstanceType<typeof UpdateContext> & { log: Logger };
    ctx.log.info({ userId: 7 }, "user is back");
    ctx.log.warn({}, "second line");
    expect(children()).toBe(1);
    const other = new UpdateContext(update(43), api, me) as InstanceType<typeof UpdateContext> & { log: Logger };
    other.log.error({}, "failed");
    expect(lines).toEqual([
      { updateId: 42, userId: 7, msg: "user is back" },
      { updateId: 42, msg: "second line" },
      { updateId: 43, msg: "failed" },
    ]);
  });
});
