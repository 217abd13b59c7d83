/**
 * The broadcast messenger against the Bot API emulator: what each answer of
 * Telegram means for a delivery (sent; 403 blocked; 429 beyond auto-retry's
 * patience refused, with its retry_after; other errors and lost answers
 * failed, never sent again), and the operator's progress message, edited in
 * place or sent anew when it is gone.
 */
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TelegramBroadcastMessenger } from "../src/bot/broadcast-messenger.ts";
import { LOCALES_DIR } from "../src/bot/i18n.ts";
import { createBackgroundApi } from "../src/bot/telegram-api.ts";
import { emptyTally, type BroadcastContent } from "../src/domain/broadcast.ts";
import type { Broadcast } from "../src/services/operator/broadcast-sender.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

const TEXT: BroadcastContent = { kind: "text", text: "Hello travellers", entities: [] };
let emulator: TelegramEmulator;
let messenger: TelegramBroadcastMessenger;

beforeEach(async () => {
  emulator = await startTelegramEmulator();
  const i18n = new I18n<Context>({ defaultLocale: "en", fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  messenger = new TelegramBroadcastMessenger(createBackgroundApi(emulator.token, emulator.apiRoot, { messagesPerSecond: 1000 }), i18n);
});
afterEach(() => emulator.close());

describe("a broadcast copy", () => {
  it("is sent with the opt-out button in the reader's language", async () => {
    const traveller = emulator.user();
    expect(await messenger.deliver(TEXT, { chatId: traveller.id, language: "es" })).toEqual({ kind: "sent" });
    expect(traveller.lastMessage()?.reply_markup?.inline_keyboard).toEqual([[{ text: "🔕 No más noticias", callback_data: "news:stop" }]]);
  });

  it("to someone who blocked the bot is blocked", async () => {
    const traveller = emulator.user();
    emulator.chat(traveller.id)!.blocked = true;
    expect(await messenger.deliver(TEXT, { chatId: traveller.id, language: "en" })).toEqual({ kind: "blocked", reason: "Forbidden: bot was blocked by the user" });
  });

  it("refused with a flood wait longer than auto-retry waits is refused, with Telegram's retry_after", async () => {
    const traveller = emulator.user();
    emulator.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 120", parameters: { retry_after: 120 } });
    expect(await messenger.deliver(TEXT, { chatId: traveller.id, language: "en" })).toEqual({
      kind: "refused",
      reason: "Too Many Requests: retry after 120",
      retryAfterMs: 120_000,
    });
    expect(traveller.messages()).toEqual([]);
  });

  it("fails for good on any other error, and when the answer is lost (it may have arrived)", async () => {
    const traveller = emulator.user();
    emulator.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    expect(await messenger.deliver(TEXT, { chatId: traveller.id, language: "en" })).toEqual({ kind: "failed", reason: "400: Bad Request: chat not found" });
    emulator.failNext("sendMessage", "drop", 1, { applyFirst: true });
    const lost = await messenger.deliver(TEXT, { chatId: traveller.id, language: "en" });
    expect(lost).toMatchObject({ kind: "failed", reason: expect.stringContaining("no answer from Telegram") });
    expect(traveller.messages().map((message) => message.content)).toEqual(["Hello travellers"]); // it did arrive
  });
});

describe("the progress message", () => {
  const broadcast = (progressMessageId: number | null, operatorChatId: number): Broadcast => ({
    id: "bc_1", operatorId: operatorChatId, operatorChatId, languageCode: "en", content: TEXT, audience: { kind: "all" },
    createdAt: new Date(), recipients: 10, status: "sending", progressMessageId, finishedAt: null,
  });

  it("is sent once, then edited in place, and sent anew when the operator deleted it", async () => {
    const operator = emulator.user();
    const tally = { ...emptyTally(), pending: 6, sent: 3, failed: 1 };
    const id = await messenger.showProgress({ broadcast: broadcast(null, operator.id), tally, finished: false });
    expect(operator.lastMessage()?.content).toBe("📣 Broadcast: 4 of 10\n✅ Sent: 3 · 🚫 Blocked: 0 · ⚠️ Failed: 1");

    const done = { ...emptyTally(), sent: 9, failed: 1 };
    expect(await messenger.showProgress({ broadcast: broadcast(id, operator.id), tally: done, finished: true })).toBe(id);
    expect(await messenger.showProgress({ broadcast: broadcast(id, operator.id), tally: done, finished: true })).toBe(id); // unchanged: fine
    expect(operator.messages().map((message) => message.content)).toEqual(["📣 Broadcast finished: 10 of 10\n✅ Sent: 9 · 🚫 Blocked: 0 · ⚠️ Failed: 1"]);

    emulator.chat(operator.id)!.find(id)!.deleted = true;
    const again = await messenger.showProgress({ broadcast: broadcast(id, operator.id), tally: done, finished: true });
    expect(again).not.toBe(id);
    expect(operator.messages()).toHaveLength(1);
  });
});
