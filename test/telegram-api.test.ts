/**
 * The Bot API client's set-up (src/bot/telegram-api.ts) and the 403 mapping
 * (src/bot/send-to-user.ts), against the Bot API emulator.
 */
import { Api, Context, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendToUser } from "../src/bot/send-to-user.ts";
import { createBackgroundApi, installRetries, installUpdateRetries, retriesPlugin } from "../src/bot/telegram-api.ts";
import { RecipientUnreachableError } from "../src/services/ports.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

let telegram: TelegramEmulator;
beforeAll(async () => {
  telegram = await startTelegramEmulator();
});
afterAll(() => telegram.close());

const floodWait = (seconds: number) => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});

describe("the background Api", () => {
  it("waits out short flood waits and sends once", async () => {
    const user = telegram.user();
    const api = createBackgroundApi(telegram.token, telegram.apiRoot);
    const since = telegram.mark();
    telegram.failNext("sendMessage", floodWait(1), 2);
    await expect(api.sendMessage(user.id, "Your eSIM is ready")).resolves.toMatchObject({ text: "Your eSIM is ready" });
    expect(telegram.callsTo("sendMessage").slice(since)).toHaveLength(3);
    expect(user.messages().map((m) => m.content)).toEqual(["Your eSIM is ready"]);
  });

  it("throws a flood wait longer than 30 s at once (durable retries take over)", async () => {
    const user = telegram.user();
    const api = createBackgroundApi(telegram.token, telegram.apiRoot);
    const since = telegram.mark();
    telegram.failNext("sendMessage", floodWait(31));
    await expect(api.sendMessage(user.id, "hi")).rejects.toMatchObject({ error_code: 429 });
    expect(telegram.callsTo("sendMessage").slice(since)).toHaveLength(1);
  });

  it("throws a network error at once instead of retrying it for up to an hour", async () => {
    const user = telegram.user();
    const api = createBackgroundApi(telegram.token, telegram.apiRoot);
    const since = telegram.mark();
    telegram.failNext("sendMessage", "drop");
    const started = Date.now();
    await expect(api.sendMessage(user.id, "Your eSIM is ready")).rejects.toBeInstanceOf(HttpError);
    // auto-retry's own default would pause 3 s before its first retry of a network error.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(telegram.callsTo("sendMessage").slice(since)).toHaveLength(1);
  });
});

describe("the Api used while handling updates", () => {
  const updateApi = () => {
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    installUpdateRetries(api);
    return api;
  };

  it("retries a request that got no answer: a dropped connection costs a moment, not the update", async () => {
    const user = telegram.user();
    const since = telegram.mark();
    telegram.failNext("sendMessage", "drop");
    await expect(updateApi().sendMessage(user.id, "Where are you travelling?")).resolves.toMatchObject({ text: "Where are you travelling?" });
    expect(telegram.callsTo("sendMessage").slice(since)).toHaveLength(2);
    expect(user.messages().map((m) => m.content)).toEqual(["Where are you travelling?"]);
  });

  it("gives up after two retries, when Telegram stays out of reach", async () => {
    const user = telegram.user();
    const since = telegram.mark();
    telegram.failNext("sendMessage", "drop", 3);
    await expect(updateApi().sendMessage(user.id, "hi")).rejects.toBeInstanceOf(HttpError);
    expect(telegram.callsTo("sendMessage").slice(since)).toHaveLength(3);
  });

  it("answers a callback query once when the first answer arrived but its reply was lost", async () => {
    const user = telegram.user();
    const api = updateApi();
    await api.sendMessage(user.id, "Pick one", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const queryId = user.press("A");
    telegram.failNext("answerCallbackQuery", "drop", 1, { applyFirst: true });
    await expect(api.answerCallbackQuery(queryId, { text: "first" })).resolves.toBe(true);
    expect(await user.waitForCallbackAnswer(queryId)).toEqual({ text: "first" });
  });

  it("leaves getUpdates to the runner, which handles polling outages itself", async () => {
    // One dropped poll: a retry would have succeeded.
    telegram.failNext("getUpdates", "drop");
    await expect(updateApi().getUpdates({ timeout: 0 })).rejects.toBeInstanceOf(HttpError);
  });
});

describe("retriesPlugin", () => {
  it("makes a context's own Api retry flood waits (as inside conversations)", async () => {
    const user = telegram.user();
    const me = { id: 1, is_bot: true, first_name: "Shop", username: "shop_bot" } as UserFromGetMe;
    const from = { id: user.id, is_bot: false, first_name: "A" };
    const update = { update_id: 1, message: { message_id: 1, date: 0, from, chat: { id: user.id, type: "private" as const, first_name: "A" }, text: "hi" } };
    const ctx = new Context(update, new Api(telegram.token, { apiRoot: telegram.apiRoot }), me);
    telegram.failNext("sendMessage", floodWait(1));
    await retriesPlugin()(ctx, () => ctx.reply("Where are you travelling?").then(() => undefined));
    expect(user.messages().map((m) => m.content)).toEqual(["Where are you travelling?"]);
  });

  it("makes a context's own Api retry a request that got no answer (as inside conversations)", async () => {
    const user = telegram.user();
    const me = { id: 1, is_bot: true, first_name: "Shop", username: "shop_bot" } as UserFromGetMe;
    const from = { id: user.id, is_bot: false, first_name: "A" };
    const update = { update_id: 2, message: { message_id: 1, date: 0, from, chat: { id: user.id, type: "private" as const, first_name: "A" }, text: "hi" } };
    const ctx = new Context(update, new Api(telegram.token, { apiRoot: telegram.apiRoot }), me);
    telegram.failNext("sendMessage", "drop");
    await retriesPlugin()(ctx, () => ctx.reply("Where are you travelling?").then(() => undefined));
    expect(user.messages().map((m) => m.content)).toEqual(["Where are you travelling?"]);
  });
});

describe("sendToUser", () => {
  const api = () => new Api(telegram.token, { apiRoot: telegram.apiRoot });

  it("turns Telegram's 403 into RecipientUnreachableError, keeping the cause", async () => {
    const user = telegram.user();
    user.block();
    const error = await sendToUser(() => api().sendMessage(user.id, "hi")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecipientUnreachableError);
    expect((error as Error).cause).toBeInstanceOf(GrammyError);
    expect((error as Error).message).toContain("blocked");
  });

  it("passes other errors through and returns what the send returned", async () => {
    const user = telegram.user();
    telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: message text is empty" });
    const error = await sendToUser(() => api().sendMessage(user.id, "hi")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).not.toBeInstanceOf(RecipientUnreachableError);
    await expect(sendToUser(() => api().sendMessage(user.id, "hello"))).resolves.toMatchObject({ text: "hello" });
  });
});

describe("query answers", () => {
  it("take a second answer to a callback query (an update handled again) as done, and still throw other refusals", async () => {
    const user = telegram.user();
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    installRetries(api);
    await api.sendMessage(user.id, "Pick one", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const queryId = user.press("A");
    await expect(api.answerCallbackQuery(queryId, { text: "first" })).resolves.toBe(true);
    await expect(api.answerCallbackQuery(queryId, { text: "again" })).resolves.toBe(true);
    expect(await user.waitForCallbackAnswer(queryId)).toEqual({ text: "first" });
    await expect(api.sendMessage(user.id, "<b>unclosed", { parse_mode: "HTML" })).rejects.toBeInstanceOf(GrammyError);
  });
});
