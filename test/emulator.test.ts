/**
 * The Bot API emulator, driven by real grammY bots (long polling, the
 * runner and a webhook), as the bot's own suites will use it.
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { Bot, GrammyError, InlineKeyboard, InputFile, Keyboard, webhookCallback } from "grammy";
import type { SuccessfulPayment, Update } from "grammy/types";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";
import { decodeQrPng } from "./support/telegram/qr.ts";

const LPA = "LPA:1$rsp.example$ABC";

/** What the demo bot observed. */
interface Observed {
  payments: SuccessfulPayment[];
  updates: Update[];
  errors: unknown[];
}

/** A small bot exercising every emulator feature the real bot relies on. */
function createDemoBot(telegram: TelegramEmulator): { bot: Bot; observed: Observed } {
  const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
  const observed: Observed = { payments: [], updates: [], errors: [] };
  bot.use((ctx, next) => {
    observed.updates.push(ctx.update);
    return next();
  });
  bot.chatType("private").command("start", (ctx) =>
    ctx.reply("Welcome! What would you like?", {
      reply_markup: new InlineKeyboard().text("Buy eSIM", "buy").text("My eSIMs", "mine"),
    }),
  );
  bot.callbackQuery("buy", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "Choose a plan" });
    await ctx.editMessageText("<b>Plans</b> for Japan &amp; Korea", {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("1 GB · 7 days", "plan:1"),
    });
  });
  bot.callbackQuery(/^plan:/, (ctx) => ctx.answerCallbackQuery());
  bot.command("qr", async (ctx) => {
    const png = await QRCode.toBuffer(LPA);
    await ctx.replyWithPhoto(new InputFile(png, "esim-qr.png"), {
      caption: "Scan this <b>QR</b>",
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().url("Install on iPhone", "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA"),
    });
  });
  bot.command("invoice", (ctx) =>
    ctx.replyWithInvoice("1 GB Japan", "7 days of data in Japan", "order-42", "XTR", [{ label: "1 GB Japan", amount: 250 }], {
      provider_token: "",
    }),
  );
  bot.command("stale", (ctx) =>
    ctx.replyWithInvoice("Old plan", "No longer sold", "order-gone", "XTR", [{ label: "Old plan", amount: 100 }]),
  );
  bot.on("pre_checkout_query", (ctx) =>
    ctx.preCheckoutQuery.invoice_payload === "order-42"
      ? ctx.answerPreCheckoutQuery(true)
      : ctx.answerPreCheckoutQuery(false, { error_message: "This plan is no longer sold." }),
  );
  bot.on("message:successful_payment", async (ctx) => {
    observed.payments.push(ctx.message.successful_payment);
    await ctx.reply(`Paid: ${ctx.message.successful_payment.telegram_payment_charge_id}`);
  });
  bot.on("inline_query", (ctx) =>
    ctx.answerInlineQuery([
      {
        type: "article",
        id: "balance-1",
        title: `Balance for "${ctx.inlineQuery.query}"`,
        input_message_content: { message_text: "2.5 GB left" },
      },
    ]),
  );
  bot.chatType(["group", "supergroup"]).command("start", (ctx) => ctx.reply("Write to me in private, please."));
  bot.on("message:sticker", (ctx) => ctx.reply("Nice sticker, but I only understand text."));
  bot.command("where", (ctx) => ctx.reply("Where to?", { reply_markup: new Keyboard().text("Japan").text("USA").resized() }));
  bot.hears("Japan", (ctx) => ctx.reply("Japan it is.", { reply_markup: { remove_keyboard: true } }));
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: "This button has expired.", show_alert: true }));
  bot.catch(({ error }) => {
    observed.errors.push(error);
  });
  return { bot, observed };
}

describe("Telegram emulator with a long-polling grammY bot", () => {
  let telegram: TelegramEmulator;
  let bot: Bot;
  let observed: Observed;
  let polling: Promise<void>;

  beforeEach(async () => {
    telegram = await startTelegramEmulator();
    ({ bot, observed } = createDemoBot(telegram));
    // Tests begin once polling runs, so stopping never interrupts the start-up calls.
    await new Promise<void>((resolve) => {
      polling = bot.start({ onStart: () => resolve() }).catch((error: unknown) => {
        observed.errors.push(error);
      });
    });
  });

  afterEach(async () => {
    await bot.stop();
    await polling;
    await telegram.close();
    expect(observed.errors).toEqual([]);
  });

  it("answers getMe with the test bot", async () => {
    const me = await bot.api.getMe();
    expect(me).toMatchObject({ id: 123, is_bot: true, username: "esim_test_bot", supports_inline_queries: true, can_join_groups: true });
  });

  it("delivers /start with a command entity and shows the reply with its inline keyboard", async () => {
    const user = telegram.user({ first_name: "Alice", language_code: "de" });
    const update = user.send("/start");
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);

    const welcome = await user.waitForMessage("Welcome");
    expect(welcome.from_bot).toBe(true);
    expect(welcome.message.from?.username).toBe("esim_test_bot");
    expect(welcome.reply_markup?.inline_keyboard[0]?.map((button) => button.text)).toEqual(["Buy eSIM", "My eSIMs"]);
    expect(user.lastMessage()?.message_id).toBe(welcome.message_id);
    // The user's /start took message id 1 in the chat, the reply id 2.
    expect(welcome.message_id).toBe(2);
    const received = observed.updates.find((u) => u.update_id === update.update_id);
    expect(received?.message?.from.language_code).toBe("de");
  });

  it("presses a button by its label: the bot answers the callback and edits the message", async () => {
    const user = telegram.user();
    user.send("/start");
    const menu = await user.waitForMessage("Welcome");

    const queryId = user.press("Buy eSIM");
    expect(await user.waitForCallbackAnswer(queryId)).toEqual({ text: "Choose a plan" });
    const edited = await user.waitForEdit("Plans for Japan & Korea");

    expect(edited.message_id).toBe(menu.message_id);
    expect(edited.content).toBe("Plans for Japan & Korea");
    expect(edited.entities).toEqual([{ type: "bold", offset: 0, length: 5 }]);
    expect(edited.source).toBe("<b>Plans</b> for Japan &amp; Korea");
    expect(edited.reply_markup?.inline_keyboard).toEqual([[{ text: "1 GB · 7 days", callback_data: "plan:1" }]]);
    expect(user.messages()).toHaveLength(1);

    const call = await telegram.waitForCall("answerCallbackQuery", (c) => c.params.callback_query_id === queryId);
    expect(call.response).toEqual({ ok: true, result: true });
  });

  it("presses by a unique substring of the label and lists the visible buttons when none matches", async () => {
    const user = telegram.user();
    user.send("/start");
    await user.waitForMessage("Welcome");
    user.press("Buy");
    await user.waitForEdit("Plans");

    expect(() => user.press("Refund")).toThrow(/No inline button "Refund"[\s\S]*"1 GB · 7 days"/);
    const queryId = user.press("7 days");
    expect(await user.waitForCallbackAnswer(queryId)).toEqual({});
  });

  it("records an uploaded QR photo whose PNG decodes to the activation code", async () => {
    const user = telegram.user();
    user.send("/qr");
    const photo = await user.waitForPhoto("Scan this QR");

    expect(photo.photo).toBeInstanceOf(Buffer);
    expect(decodeQrPng(photo.photo ?? Buffer.alloc(0))).toBe(LPA);
    expect(photo.caption).toBe("Scan this QR");
    expect(photo.message.photo?.[0]?.width).toBeGreaterThan(0);
    const [call] = telegram.callsTo("sendPhoto");
    expect(call?.files.photo?.fileName).toBe("esim-qr.png");
    expect(call?.params.chat_id).toBe(user.id);
    expect(call?.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: "Install on iPhone", url: "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA" }]],
    });
  });

  it("refuses to decode a PNG without a QR code, and bytes that are not a PNG", () => {
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    expect(() => decodeQrPng(PNG.sync.write(blank))).toThrow(/No QR code found in the 64x64 PNG/);
    expect(() => decodeQrPng(Buffer.from("not a png"))).toThrow();
  });

  it("pays a Stars invoice: pre-checkout answered ok, then the bot receives successful_payment", async () => {
    const user = telegram.user();
    user.send("/invoice");
    const invoiceMessage = await user.waitForInvoice();
    expect(invoiceMessage.invoice).toMatchObject({
      title: "1 GB Japan",
      payload: "order-42",
      currency: "XTR",
      provider_token: "",
      total_amount: 250,
      prices: [{ label: "1 GB Japan", amount: 250 }],
    });
    expect(invoiceMessage.message.invoice).toMatchObject({ title: "1 GB Japan", currency: "XTR", total_amount: 250 });

    const outcome = await user.pay();
    if (!outcome.ok) throw new Error(`payment declined: ${outcome.errorMessage}`);
    expect(outcome.chargeId).toMatch(/^stx/);
    const thanks = await user.waitForMessage(`Paid: ${outcome.chargeId}`);
    expect(thanks.from_bot).toBe(true);
    expect(observed.payments).toEqual([
      {
        currency: "XTR",
        total_amount: 250,
        invoice_payload: "order-42",
        telegram_payment_charge_id: outcome.chargeId,
        provider_payment_charge_id: "",
      },
    ]);
  });

  it("re-delivers a successful payment and pays an old invoice again with a new charge id", async () => {
    const user = telegram.user();
    user.send("/invoice");
    const invoice = await user.waitForInvoice();
    const first = await user.pay();
    if (!first.ok) throw new Error("first payment declined");
    await user.waitForMessage(`Paid: ${first.chargeId}`);

    const duplicate = user.redeliverPayment(first.chargeId);
    expect(duplicate.update_id).not.toBe(first.update.update_id);
    expect(duplicate.message).toEqual(first.update.message);
    await user.waitForMessage(`Paid: ${first.chargeId}`);

    const second = await user.pay(invoice);
    if (!second.ok) throw new Error("second payment declined");
    expect(second.chargeId).not.toBe(first.chargeId);
    await user.waitForMessage(`Paid: ${second.chargeId}`);
    expect(observed.payments.map((p) => p.telegram_payment_charge_id)).toEqual([first.chargeId, first.chargeId, second.chargeId]);
  });

  it("reports a declined pre-checkout query and sends no successful_payment", async () => {
    const user = telegram.user();
    user.send("/stale");
    await user.waitForInvoice();
    const outcome = await user.pay();
    expect(outcome).toMatchObject({ ok: false, errorMessage: "This plan is no longer sold." });
    expect(telegram.payments()).toEqual([]);
  });

  it("refunds a Star payment once and rejects a second refund", async () => {
    const user = telegram.user();
    user.send("/invoice");
    await user.waitForInvoice();
    const outcome = await user.pay();
    if (!outcome.ok) throw new Error("payment declined");

    await expect(bot.api.refundStarPayment(user.id, outcome.chargeId)).resolves.toBe(true);
    expect(telegram.payments()[0]?.refunded).toBe(true);
    await expect(bot.api.refundStarPayment(user.id, outcome.chargeId)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: CHARGE_ALREADY_REFUNDED",
    });
    await expect(bot.api.refundStarPayment(user.id + 1, outcome.chargeId)).rejects.toMatchObject({ error_code: 400 });
  });

  it("makes grammY throw a GrammyError 403 when sendMessage is told to fail", async () => {
    const user = telegram.user();
    telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });

    const error = await bot.api.sendMessage(user.id, "Your eSIM is ready").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(user.messages()).toEqual([]);

    await bot.api.sendMessage(user.id, "Your eSIM is ready");
    expect(user.messages().map((m) => m.content)).toEqual(["Your eSIM is ready"]);
  });

  it("passes retry_after of an injected 429 to grammY", async () => {
    const user = telegram.user();
    telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } }, 2);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(bot.api.sendMessage(user.id, "hi")).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
    }
    await expect(bot.api.sendMessage(user.id, "hi")).resolves.toMatchObject({ text: "hi" });
  });

  it("rejects what Telegram rejects: bad HTML, unknown chats, unchanged edits, empty texts", async () => {
    const user = telegram.user();
    await expect(bot.api.sendMessage(user.id, "line<br>break", { parse_mode: "HTML" })).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 4',
    });
    await expect(bot.api.sendMessage(user.id, "price < 5 €", { parse_mode: "HTML" })).rejects.toMatchObject({ error_code: 400 });
    await expect(bot.api.sendMessage(user.id, "<b>bold", { parse_mode: "HTML" })).rejects.toMatchObject({
      description: 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    });
    await expect(bot.api.sendMessage(424242, "hello")).rejects.toMatchObject({ error_code: 400, description: "Bad Request: chat not found" });
    await expect(bot.api.sendMessage(user.id, "   ")).rejects.toMatchObject({ description: "Bad Request: message text is empty" });

    const sent = await bot.api.sendMessage(user.id, "Same", { reply_markup: new InlineKeyboard().text("A", "a") });
    await expect(
      bot.api.editMessageText(user.id, sent.message_id, "Same", { reply_markup: new InlineKeyboard().text("A", "a") }),
    ).rejects.toMatchObject({ description: expect.stringContaining("message is not modified") });
    // An edit without reply_markup drops the keyboard, as on Telegram.
    await bot.api.editMessageText(user.id, sent.message_id, "Same");
    expect(user.lastMessage()?.reply_markup).toBeUndefined();
    await bot.api.deleteMessage(user.id, sent.message_id);
    expect(user.messages()).toEqual([]);
    await expect(bot.api.deleteMessage(user.id, sent.message_id)).rejects.toMatchObject({
      description: "Bad Request: message to delete not found",
    });
    await expect(
      bot.api.sendMessage(user.id, "x", { reply_markup: new InlineKeyboard().text("too long", "x".repeat(65)) }),
    ).rejects.toMatchObject({ description: "Bad Request: BUTTON_DATA_INVALID" });
    // Text to copy: 1–256 characters (an emoji counts as one), in a CopyTextButton object.
    const copyable = await bot.api.sendMessage(user.id, "codes", { reply_markup: new InlineKeyboard().copyText("Copy", "😀".repeat(256)) });
    const copyButton = copyable.reply_markup?.inline_keyboard[0]?.[0];
    expect(copyButton && "copy_text" in copyButton ? copyButton.copy_text : undefined).toEqual({ text: "😀".repeat(256) });
    for (const text of ["x".repeat(257), ""]) {
      await expect(bot.api.sendMessage(user.id, "x", { reply_markup: new InlineKeyboard().copyText("Copy", text) })).rejects.toMatchObject({
        description: "Bad Request: BUTTON_COPY_TEXT_INVALID",
      });
    }
    const notAnObject = { inline_keyboard: [[{ text: "Copy", copy_text: "plain string" }]] } as unknown as InlineKeyboard;
    await expect(bot.api.sendMessage(user.id, "x", { reply_markup: notAnObject })).rejects.toMatchObject({ error_code: 400 });
  });

  it("answers forged callback data, and follows the reply keyboard", async () => {
    const user = telegram.user();
    user.send("/start");
    const menu = await user.waitForMessage("Welcome");
    const forged = user.pressData("order:999999:tampered", menu.message_id);
    expect(await user.waitForCallbackAnswer(forged)).toEqual({ text: "This button has expired.", show_alert: true });

    user.send("/where");
    await user.waitForMessage("Where to?");
    expect(user.replyKeyboard()).toEqual(["Japan", "USA"]);
    user.send("Japan");
    await user.waitForMessage("Japan it is.");
    expect(user.replyKeyboard()).toEqual([]);
  });

  it("sends documents, edits captions and keyboards, and accepts chat actions", async () => {
    const user = telegram.user();
    await bot.api.sendChatAction(user.id, "upload_document");
    await expect(bot.api.sendChatAction(user.id, "dancing" as "typing")).rejects.toMatchObject({ error_code: 400 });
    const sent = await bot.api.sendDocument(user.id, new InputFile(Buffer.from("ICCID,8901"), "esims.csv"), {
      caption: "Your eSIMs",
      reply_markup: new InlineKeyboard().text("Refresh", "refresh"),
    });
    const document = user.lastMessage();
    expect(document?.document?.bytes.toString()).toBe("ICCID,8901");
    expect(document?.document?.fileName).toBe("esims.csv");
    expect(sent.document.file_name).toBe("esims.csv");

    await bot.api.editMessageCaption(user.id, sent.message_id, { caption: "Your <i>eSIMs</i>", parse_mode: "HTML" });
    expect(document).toMatchObject({ caption: "Your eSIMs", entities: [{ type: "italic", offset: 5, length: 5 }], edits: 1 });
    expect(document?.reply_markup).toBeUndefined();
    await bot.api.editMessageReplyMarkup(user.id, sent.message_id, { reply_markup: new InlineKeyboard().text("Top up", "topup") });
    expect(user.findButton("Top up").message.message_id).toBe(sent.message_id);
    await expect(bot.api.editMessageText(user.id, sent.message_id, "text")).rejects.toMatchObject({
      description: "Bad Request: there is no text in the message to edit",
    });

    // A photo sent again by the file_id Telegram issued keeps its bytes.
    const png = await QRCode.toBuffer(LPA);
    const first = await bot.api.sendPhoto(user.id, new InputFile(png));
    const fileId = first.photo[0]?.file_id ?? "";
    await bot.api.sendPhoto(user.id, fileId);
    expect(user.lastMessage()?.photo?.equals(png)).toBe(true);
    await expect(bot.api.sendPhoto(user.id, new InputFile(Buffer.from("GIF89a-not-really")))).rejects.toMatchObject({
      description: "Bad Request: IMAGE_PROCESS_FAILED",
    });
  });

  it("finds a state a message showed only briefly, and returns the live record", async () => {
    const user = telegram.user();
    const sent = await bot.api.sendMessage(user.id, "Preparing your eSIM…");
    await bot.api.editMessageText(user.id, sent.message_id, "Step 1 of 2");
    await bot.api.editMessageText(user.id, sent.message_id, "Your eSIM is ready");
    const edited = await user.waitForEdit("Step 1 of 2");
    expect(edited.content).toBe("Your eSIM is ready");
    expect(edited.edits).toBe(2);
    expect((await user.waitForMessage("ready")).message_id).toBe(sent.message_id);
  });

  it("answers unknown methods with 404 and wrong tokens with 401", async () => {
    const unknown = await fetch(`${telegram.apiRoot}/bot${telegram.token}/sendTelepathy`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: "Not Found: method not found" });
    const unauthorized = await fetch(`${telegram.apiRoot}/bot999:wrong/getMe`, { method: "POST" });
    expect(await unauthorized.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    expect(telegram.callsTo("sendTelepathy")).toHaveLength(1);
  });

  it("stores commands and the menu button per scope", async () => {
    await bot.api.setMyCommands([{ command: "start", description: "Main menu" }]);
    await bot.api.setMyCommands([{ command: "start", description: "Hauptmenü" }], { language_code: "de" });
    await bot.api.setChatMenuButton({ menu_button: { type: "commands" } });
    expect(await bot.api.getMyCommands()).toEqual([{ command: "start", description: "Main menu" }]);
    expect(telegram.commands(undefined, "de")).toEqual([{ command: "start", description: "Hauptmenü" }]);
    expect(telegram.menuButton()).toEqual({ type: "commands" });
    await expect(bot.api.setMyCommands([{ command: "Start!", description: "x" }])).rejects.toMatchObject({ error_code: 400 });
  });

  it("returns 403 to a blocked user's chat and delivers my_chat_member", async () => {
    const user = telegram.user();
    const blocked = user.block();
    await telegram.waitUntilConfirmed(blocked.update_id);
    expect(observed.updates.at(-1)?.my_chat_member?.new_chat_member.status).toBe("kicked");
    await expect(bot.api.sendMessage(user.id, "Your eSIM expires soon")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const stranger = telegram.user({ started: false });
    await expect(bot.api.sendMessage(stranger.id, "hi")).rejects.toMatchObject({
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    stranger.send("hello");
    await expect(bot.api.sendMessage(stranger.id, "hi")).resolves.toMatchObject({ text: "hi" });
  });

  it("handles group messages, stickers and inline queries", async () => {
    const user = telegram.user();
    user.sendInGroup("/start@esim_test_bot", -1009876543210);
    const groupReply = await user.waitForMessage("private", { chatId: -1009876543210 });
    expect(groupReply.message.chat).toMatchObject({ id: -1009876543210, type: "supergroup" });
    expect(user.messages()).toEqual([]);

    user.sendSticker();
    await user.waitForMessage("Nice sticker");

    const results = await user.inlineQuery("japan");
    expect(results).toMatchObject([{ type: "article", id: "balance-1", title: 'Balance for "japan"' }]);
  });

  it("fails a wait with the chat and the recent calls when the bot stays silent", async () => {
    const user = telegram.user();
    user.send("/start");
    await user.waitForMessage("Welcome");
    await expect(user.waitForMessage("Goodbye", 100)).rejects.toThrow(/containing "Goodbye"[\s\S]*Welcome[\s\S]*sendMessage/);
    await expect(telegram.waitForCall("sendInvoice", undefined, { timeoutMs: 100 })).rejects.toThrow(/No call to sendInvoice/);
  });

  it("waits only for calls after a mark, counting ones already made", async () => {
    const user = telegram.user();
    await bot.api.sendMessage(user.id, "first");
    const mark = telegram.mark();
    await bot.api.sendMessage(user.id, "second");
    const call = await telegram.waitForCall("sendMessage", undefined, { since: mark });
    expect(call.params.text).toBe("second");
  });

  it("tells a call listener about every answered call, failures included, until it is removed", async () => {
    const user = telegram.user();
    const seen: Array<{ method: string; ok: boolean | undefined; text: unknown }> = [];
    const remove = telegram.onCall((call) => {
      if (call.method !== "getUpdates") seen.push({ method: call.method, ok: call.response?.ok, text: call.params.text });
    });
    await bot.api.sendMessage(user.id, "one");
    await expect(bot.api.sendMessage(424242, "nobody")).rejects.toThrow(/chat not found/);
    remove();
    await bot.api.sendMessage(user.id, "after removal");
    expect(seen).toEqual([
      { method: "sendMessage", ok: true, text: "one" },
      { method: "sendMessage", ok: false, text: "nobody" },
    ]);
  });
});

describe("Telegram emulator long polling", () => {
  let telegram: TelegramEmulator;

  beforeEach(async () => {
    telegram = await startTelegramEmulator({ token: "777:secret", firstUpdateId: 500 });
  });

  afterEach(async () => {
    await telegram.close();
  });

  it("holds getUpdates until an update arrives and drops confirmed updates", async () => {
    const poll = (body: object) =>
      fetch(`${telegram.apiRoot}/bot777:secret/getUpdates`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((response) => response.json() as Promise<{ ok: boolean; result: Update[] }>);

    const held = poll({ timeout: 20 });
    await telegram.waitForCall("getUpdates");
    const user = telegram.user();
    user.send("hello");
    const first = await held;
    expect(first.result.map((u) => u.update_id)).toEqual([500]);

    // Not confirmed yet: the same update comes again.
    expect((await poll({ timeout: 0 })).result.map((u) => u.update_id)).toEqual([500]);
    expect((await poll({ offset: 501, timeout: 0 })).result).toEqual([]);
    expect(telegram.pendingUpdates()).toEqual([]);
  });

  it("terminates an older poll with 409 when a second one arrives", async () => {
    const poll = () =>
      fetch(`${telegram.apiRoot}/bot777:secret/getUpdates`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ timeout: 20 }),
      }).then((response) => response.json() as Promise<{ ok: boolean; error_code?: number }>);
    const older = poll();
    await telegram.waitForCall("getUpdates");
    const newer = poll();
    expect(await older).toMatchObject({ ok: false, error_code: 409 });
    telegram.user().send("hi");
    expect(await newer).toMatchObject({ ok: true });
  });

  it("releases a held poll on close", async () => {
    const held = fetch(`${telegram.apiRoot}/bot777:secret/getUpdates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeout: 30 }),
    }).then((response) => response.json() as Promise<{ ok: boolean; result: Update[] }>);
    await telegram.waitForCall("getUpdates");
    const started = Date.now();
    await telegram.close();
    expect(await held).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("Telegram emulator with the grammY runner", () => {
  let telegram: TelegramEmulator;
  let handle: RunnerHandle | undefined;

  beforeEach(async () => {
    telegram = await startTelegramEmulator();
  });

  afterEach(async () => {
    if (handle?.isRunning()) await handle.stop();
    await telegram.close();
  });

  it("serves a bot run by @grammyjs/runner", async () => {
    const { bot } = createDemoBot(telegram);
    handle = run(bot);
    const user = telegram.user();
    user.send("/start");
    await user.waitForMessage("Welcome");
    const queryId = user.press("Buy eSIM");
    await user.waitForCallbackAnswer(queryId);
    expect((await user.waitForEdit("Plans")).content).toContain("Japan");
  });
});

describe("Telegram emulator in webhook mode", () => {
  let telegram: TelegramEmulator;
  let server: Server;

  beforeEach(async () => {
    telegram = await startTelegramEmulator();
  });

  afterEach(async () => {
    await telegram.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("posts updates with the secret token and retries until the webhook answers 2xx", async () => {
    const { bot } = createDemoBot(telegram);
    await bot.init();
    const handle = webhookCallback(bot, "http", { secretToken: "s3cret" });
    let failuresLeft = 1;
    server = createServer((request, response) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        response.writeHead(500).end();
        return;
      }
      void handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as AddressInfo;
    await bot.api.setWebhook(`http://127.0.0.1:${port}/telegram`, { secret_token: "s3cret" });

    const user = telegram.user();
    user.send("/start");
    await user.waitForMessage("Welcome");
    const info = await bot.api.getWebhookInfo();
    expect(info).toMatchObject({ url: `http://127.0.0.1:${port}/telegram`, pending_update_count: 0 });
    expect(info.last_error_message).toContain("500");
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    await bot.api.deleteWebhook();
  });

  it("runs a method returned in the webhook response", async () => {
    const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const update = JSON.parse(Buffer.concat(chunks).toString()) as Update;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ method: "sendMessage", chat_id: update.message?.chat.id, text: "Reply in the webhook answer" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as AddressInfo;
    await bot.api.setWebhook(`http://127.0.0.1:${port}/`);

    const user = telegram.user();
    user.send("hi");
    await user.waitForMessage("Reply in the webhook answer");
    await bot.api.deleteWebhook();
  });
});

describe("Telegram emulator shutdown", () => {
  it("leaves nothing that keeps the process alive after close()", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const script = fileURLToPath(new URL("./support/telegram/close-check.script.ts", import.meta.url));
    const child = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8", timeout: 20_000 });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('{"heldPoll":{"ok":true,"result":[]},"pendingWait":"rejected"}');
  });
});
