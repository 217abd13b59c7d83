/**
 * The Bot API's HTTP client (src/http/bot-api-fetch.ts): grammY's calls over
 * undici's request API behave as with grammY's own client — JSON calls,
 * file uploads as multipart streams, Telegram's errors, dropped connections
 * and answers that are not JSON; a sent message's answer without the echo
 * of the bot's own call.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import QRCode from "qrcode";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botApiFetch } from "../src/http/bot-api-fetch.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

let telegram: TelegramEmulator;
let agent: Agent;
let api: Api;
beforeAll(async () => {
  telegram = await startTelegramEmulator();
  agent = new Agent({ keepAliveTimeout: 30_000 });
  api = new Api(telegram.token, { apiRoot: telegram.apiRoot, fetch: botApiFetch(agent) });
});
afterAll(async () => {
  await agent.close();
  await telegram.close();
});

describe("Bot API calls over undici", () => {
  it("sends JSON calls and returns their results", async () => {
    const user = telegram.user();
    const sent = await api.sendMessage(user.id, "<b>Japan</b> & more", { parse_mode: "HTML", reply_markup: { inline_keyboard: [[{ text: "Buy", callback_data: "buy" }]] } });
    expect(sent).toMatchObject({ chat: { id: user.id }, text: "Japan & more" });
    const [message] = user.messages();
    expect(message).toMatchObject({ content: "Japan & more" });
    expect(message!.reply_markup?.inline_keyboard[0]![0]).toMatchObject({ text: "Buy", callback_data: "buy" });
  });

  it("answers a send or an edit without echoing the bot's keyboard, entities and sender; updates keep theirs", async () => {
    const user = telegram.user();
    const keyboard = { inline_keyboard: [[{ text: "Buy", callback_data: "buy" }]] };
    const sent = await api.sendMessage(user.id, "<b>Japan</b>", { parse_mode: "HTML", reply_markup: keyboard });
    expect(sent).toMatchObject({ message_id: expect.any(Number), chat: { id: user.id }, date: expect.any(Number), text: "Japan" });
    expect(sent).not.toHaveProperty("reply_markup");
    expect(sent).not.toHaveProperty("entities");
    expect(sent).not.toHaveProperty("from");
    const edited = await api.editMessageText(user.id, sent.message_id, "<i>Japan</i>", { parse_mode: "HTML", reply_markup: keyboard });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: "Japan" });
    expect(edited).not.toHaveProperty("reply_markup");
    expect(edited).not.toHaveProperty("entities");
    // Telegram itself got and shows the keyboard.
    expect(user.messages().at(-1)!.reply_markup?.inline_keyboard[0]![0]).toMatchObject({ callback_data: "buy" });

    user.send("/start now");
    const [update] = await api.getUpdates({ timeout: 0 });
    expect(update!.message).toMatchObject({ text: "/start now", from: { id: user.id }, entities: [{ type: "bot_command", offset: 0, length: 6 }] });
  });

  it("uploads a file as a multipart stream", async () => {
    const user = telegram.user();
    const bytes = await QRCode.toBuffer("LPA:1$smdp.example.com$CODE-1", { type: "png" });
    await api.sendPhoto(user.id, new InputFile(bytes, "esim-qr.png"), { caption: "Your eSIM" });
    const [message] = user.messages();
    expect(message!.photo?.equals(bytes)).toBe(true);
    expect(telegram.callsTo("sendPhoto").at(-1)!.params).toMatchObject({ caption: "Your eSIM" });
  });

  it("turns Telegram's refusals into GrammyError and a dropped connection into HttpError", async () => {
    const user = telegram.user();
    telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const refused = await api.sendMessage(user.id, "hi").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GrammyError);
    expect(refused).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });

    telegram.failNext("sendMessage", "drop");
    await expect(api.sendMessage(user.id, "hi")).rejects.toBeInstanceOf(HttpError);
    // The pool is usable after a dropped connection.
    await expect(api.sendMessage(user.id, "again")).resolves.toMatchObject({ text: "again" });
  });

  it("turns an answer that is not JSON (a proxy's error page) into HttpError", async () => {
    const proxy: Server = createServer((_request, response) => {
      response.writeHead(502, { "content-type": "text/html" }).end("<html><body>Bad Gateway</body></html>");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const behindProxy = new Api(telegram.token, { apiRoot: `http://127.0.0.1:${port}`, fetch: botApiFetch(agent) });
      await expect(behindProxy.getMe()).rejects.toBeInstanceOf(HttpError);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it("stops a call when grammY aborts it", async () => {
    const user = telegram.user();
    const stop = new AbortController();
    stop.abort();
    // grammY types its signal as the abort-controller polyfill's; Node's is what it gets at run time.
    const signal = stop.signal as unknown as Parameters<Api["sendMessage"]>[3];
    await expect(api.sendMessage(user.id, "hi", undefined, signal)).rejects.toThrow();
    expect(user.messages()).toEqual([]);
  });
});
