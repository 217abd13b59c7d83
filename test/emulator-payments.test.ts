/**
 * The emulator's money side, driven over HTTP with grammY's `Api` as a bot
 * would drive Telegram: the Star ledger (getStarTransactions), refunds and
 * their errors, faults that apply before they fail, payments whose update is
 * lost, and forged successful_payment updates.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { run } from "@grammyjs/runner";
import { Api, Bot, GrammyError, HttpError } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";
import { privateChat, textMessage } from "./support/telegram/updates.ts";
import type { PayOptions, TestUser } from "./support/telegram/user.ts";

const START = new Date("2026-05-01T10:00:00Z");
const START_SECONDS = START.getTime() / 1000;

/** Long polls as a bot does: each fetch confirms what the previous one returned. */
class Poller {
  #offset = 0;

  constructor(private readonly api: Api) {}

  async fetch(timeoutSeconds = 0): Promise<Update[]> {
    const updates = await this.api.getUpdates({ offset: this.#offset, timeout: timeoutSeconds });
    const last = updates.at(-1);
    if (last) this.#offset = last.update_id + 1;
    return updates;
  }
}

let telegram: TelegramEmulator;
let clock: Date;
let api: Api;
let poller: Poller;

beforeEach(async () => {
  clock = START;
  telegram = await startTelegramEmulator({ now: () => clock });
  api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  poller = new Poller(api);
});

afterEach(async () => {
  await telegram.close();
});

function advanceClock(seconds: number): void {
  clock = new Date(clock.getTime() + seconds * 1000);
}

/** The bot sends a Stars invoice for `amount` with `payload`. */
async function sendStarsInvoice(user: TestUser, payload: string, amount: number): Promise<void> {
  await api.sendInvoice(user.id, "1 GB Japan", "7 days of data", payload, "XTR", [{ label: "1 GB Japan", amount }]);
}

/** The user pays the last invoice; the "bot" fetches the pre-checkout query and approves it. */
async function payApproved(user: TestUser, options?: PayOptions) {
  const paying = user.pay(options);
  // The batch may also hold the successful_payment of an earlier purchase.
  const batch = await poller.fetch(5);
  const query = batch.find((update) => update.pre_checkout_query)?.pre_checkout_query;
  if (!query) throw new Error(`expected a pre_checkout_query, got ${JSON.stringify(batch)}`);
  await api.answerPreCheckoutQuery(query.id, true);
  const outcome = await paying;
  if (!outcome.ok) throw new Error(`payment declined: ${outcome.errorMessage}`);
  return outcome;
}

/** The user buys a Stars invoice for `amount`. */
async function buy(user: TestUser, payload: string, amount: number, options?: PayOptions) {
  await sendStarsInvoice(user, payload, amount);
  return payApproved(user, options);
}

describe("getStarTransactions", () => {
  it("lists every Stars payment as an incoming transaction from its payer, oldest first, dated by the emulator's clock", async () => {
    const ann = telegram.user({ first_name: "Ann" });
    const bob = telegram.user({ first_name: "Bob", last_name: "Smith" });
    const first = await buy(ann, "order-1", 250);
    advanceClock(60);
    const second = await buy(bob, "order-2", 100);

    const { transactions } = await api.getStarTransactions();

    expect(transactions).toEqual([
      {
        id: first.chargeId,
        amount: 250,
        date: START_SECONDS,
        source: { type: "user", transaction_type: "invoice_payment", user: ann.user, invoice_payload: "order-1" },
      },
      {
        id: second.chargeId,
        amount: 100,
        date: START_SECONDS + 60,
        source: { type: "user", transaction_type: "invoice_payment", user: bob.user, invoice_payload: "order-2" },
      },
    ]);
    expect(telegram.starTransactions()).toEqual(transactions);
  });

  it("shows a refund as an outgoing transaction to the payer with the charge's id", async () => {
    const ann = telegram.user({ first_name: "Ann" });
    const paid = await buy(ann, "order-1", 250);
    advanceClock(300);

    await expect(api.refundStarPayment(ann.id, paid.chargeId)).resolves.toBe(true);

    const { transactions } = await api.getStarTransactions();
    expect(transactions).toEqual([
      expect.objectContaining({ id: paid.chargeId, amount: 250, date: START_SECONDS }),
      {
        id: paid.chargeId,
        amount: 250,
        date: START_SECONDS + 300,
        receiver: { type: "user", transaction_type: "invoice_payment", user: ann.user, invoice_payload: "order-1" },
      },
    ]);
    expect(telegram.payments()).toEqual([
      expect.objectContaining({ chargeId: paid.chargeId, date: START_SECONDS, refunded: true, refundedAt: START_SECONDS + 300 }),
    ]);
  });

  it("pages with offset (transactions to skip) and limit, clamping limit to 1–100 and offset to at least 0", async () => {
    const ann = telegram.user();
    const charges: string[] = [];
    for (let index = 0; index < 102; index += 1) {
      charges.push((await buy(ann, `order-${index}`, 1 + index)).chargeId);
    }
    const ids = async (other?: { offset?: number; limit?: number }) =>
      (await api.getStarTransactions(other)).transactions.map((transaction) => transaction.id);

    expect(await ids()).toEqual(charges.slice(0, 100));
    expect(await ids({ offset: 100 })).toEqual(charges.slice(100));
    expect(await ids({ offset: 1, limit: 2 })).toEqual(charges.slice(1, 3));
    expect(await ids({ offset: 2, limit: 500 })).toEqual(charges.slice(2, 102));
    expect(await ids({ limit: 0 })).toEqual(charges.slice(0, 1));
    expect(await ids({ offset: -5, limit: 1 })).toEqual(charges.slice(0, 1));
    expect(await ids({ offset: 102 })).toEqual([]);
  });

  it("leaves card payments out: they are not Star transactions", async () => {
    const ann = telegram.user();
    await api.sendInvoice(ann.id, "1 GB Japan", "7 days", "order-card", "USD", [{ label: "1 GB", amount: 499 }], {
      provider_token: "284685063:TEST:abc",
    });
    const paid = await payApproved(ann);

    expect(paid.chargeId).toMatch(/^tg_/);
    expect((await api.getStarTransactions()).transactions).toEqual([]);
    await expect(api.refundStarPayment(ann.id, paid.chargeId)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: CHARGE_NOT_FOUND",
    });
  });
});

describe("refundStarPayment", () => {
  it("answers Telegram's errors for an unknown charge, another user's charge, an unknown user and a second refund", async () => {
    const ann = telegram.user();
    const bob = telegram.user();
    const paid = await buy(ann, "order-1", 250);

    const refund = (userId: number, chargeId: string) => api.refundStarPayment(userId, chargeId);
    await expect(refund(ann.id, "stxNoSuchCharge")).rejects.toMatchObject({ error_code: 400, description: "Bad Request: CHARGE_NOT_FOUND" });
    await expect(refund(bob.id, paid.chargeId)).rejects.toMatchObject({ error_code: 400, description: "Bad Request: CHARGE_NOT_FOUND" });
    await expect(refund(987_654_321, paid.chargeId)).rejects.toMatchObject({ error_code: 400, description: "Bad Request: user not found" });
    expect(telegram.starTransactions()).toHaveLength(1);
    expect(telegram.payments()[0]?.refunded).toBe(false);

    await expect(refund(ann.id, paid.chargeId)).resolves.toBe(true);
    await expect(refund(ann.id, paid.chargeId)).rejects.toMatchObject({ error_code: 400, description: "Bad Request: CHARGE_ALREADY_REFUNDED" });
    expect(telegram.starTransactions().map((transaction) => "receiver" in transaction)).toEqual([false, true]);
  });

  it("applies a refund and then answers 500 when told to (applyFirst): the ledger shows it and a retry gets CHARGE_ALREADY_REFUNDED", async () => {
    const ann = telegram.user();
    const paid = await buy(ann, "order-1", 250);
    telegram.failNext("refundStarPayment", { error_code: 500, description: "Internal Server Error" }, 1, { applyFirst: true });

    const error = await api.refundStarPayment(ann.id, paid.chargeId).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 500, description: "Internal Server Error" });
    expect(telegram.payments()[0]).toMatchObject({ refunded: true, refundedAt: START_SECONDS });
    expect(telegram.starTransactions()[1]).toMatchObject({ id: paid.chargeId, receiver: { user: ann.user } });
    expect(telegram.callsTo("refundStarPayment")[0]).toMatchObject({
      response: { ok: false, error_code: 500 },
      fault: { applied: true, dropped: false },
    });
    await expect(api.refundStarPayment(ann.id, paid.chargeId)).rejects.toMatchObject({
      description: "Bad Request: CHARGE_ALREADY_REFUNDED",
    });
  });

  it("drops the connection without an answer, after applying the refund or without applying it", async () => {
    const ann = telegram.user();
    const kept = await buy(ann, "order-1", 250);
    const refunded = await buy(ann, "order-2", 100);
    telegram.failNext("refundStarPayment", "drop");
    telegram.failNext("refundStarPayment", "drop", 1, { applyFirst: true });

    await expect(api.refundStarPayment(ann.id, kept.chargeId)).rejects.toBeInstanceOf(HttpError);
    await expect(api.refundStarPayment(ann.id, refunded.chargeId)).rejects.toBeInstanceOf(HttpError);

    expect(telegram.payments().map((payment) => [payment.chargeId, payment.refunded])).toEqual([
      [kept.chargeId, false],
      [refunded.chargeId, true],
    ]);
    expect(telegram.callsTo("refundStarPayment").map((call) => [call.fault, call.response])).toEqual([
      [{ applied: false, dropped: true }, undefined],
      [{ applied: true, dropped: true }, undefined],
    ]);
    await expect(api.refundStarPayment(ann.id, kept.chargeId)).resolves.toBe(true);
  });

  it("applies any method before a fault, e.g. a message that arrives although sendMessage failed", async () => {
    const ann = telegram.user();
    telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, 1, { applyFirst: true });

    await expect(api.sendMessage(ann.id, "Your eSIM is ready")).rejects.toMatchObject({ error_code: 502 });

    await expect(ann.waitForMessage("Your eSIM is ready")).resolves.toMatchObject({ from_bot: true });
  });
});

describe("payments whose update the bot never handles", () => {
  it("takes the money but never delivers successful_payment when deliverUpdate is false; redeliverPayment delivers it late", async () => {
    const ann = telegram.user();
    const paid = await buy(ann, "order-1", 250, { deliverUpdate: false });

    expect(paid.delivered).toBe(false);
    expect(await poller.fetch()).toEqual([]);
    expect(telegram.pendingUpdates()).toEqual([]);
    expect(telegram.starTransactions()).toEqual([expect.objectContaining({ id: paid.chargeId, amount: 250 })]);
    const shown = telegram.chat(ann.id)?.history.at(-1)?.message;
    expect(shown).toMatchObject({ from: ann.user, successful_payment: { telegram_payment_charge_id: paid.chargeId } });

    const late = ann.redeliverPayment(paid.chargeId);
    const [delivered] = await poller.fetch();
    expect(delivered).toEqual(late);
    expect(delivered?.message?.successful_payment).toEqual(paid.payment);
  });

  it("confirms a confirmOnFetch update as soon as a poll hands it out, so a new process does not get it again", async () => {
    const ann = telegram.user();
    const paid = await buy(ann, "order-1", 250, { confirmOnFetch: true });
    ann.send("/start");

    const [fetched] = await poller.fetch();
    expect(fetched).toEqual(paid.update);
    expect(telegram.pendingUpdates().map((update) => update.message?.text)).toEqual(["/start"]);
    await telegram.waitUntilConfirmed(paid.update.update_id, 100);

    // A restarted bot polls from offset 0: the ordinary update comes again, the payment does not.
    const restarted = await new Poller(api).fetch();
    expect(restarted.map((update) => update.message?.text)).toEqual(["/start"]);
  });

  it("drops the getUpdates answer that hands out a loseOnFetch update, after confirming its batch", async () => {
    const ann = telegram.user();
    const paid = await buy(ann, "order-1", 250, { loseOnFetch: true });
    ann.send("/start");

    await expect(poller.fetch()).rejects.toBeInstanceOf(HttpError);

    expect(telegram.callsTo("getUpdates").at(-1)?.fault).toEqual({ applied: true, dropped: true });
    expect(telegram.pendingUpdates().map((update) => update.message?.text)).toEqual(["/start"]);
    expect((await poller.fetch()).map((update) => update.message?.text)).toEqual(["/start"]);
    expect(telegram.starTransactions().map((transaction) => transaction.id)).toEqual([paid.chargeId]);
  });

  it("makes the grammY runner lose a loseOnFetch payment, as a bot that crashed after confirming it would", async () => {
    const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
    const handled: string[] = [];
    bot.on("pre_checkout_query", (ctx) => ctx.answerPreCheckoutQuery(true));
    bot.on("message:successful_payment", (ctx) => void handled.push(ctx.message.successful_payment.telegram_payment_charge_id));
    bot.command("ping", (ctx) => ctx.reply("pong"));
    const runner = run(bot, { runner: { silent: true } });
    try {
      const ann = telegram.user();
      await sendStarsInvoice(ann, "order-1", 250);
      const lost = await ann.pay({ loseOnFetch: true });
      if (!lost.ok) throw new Error("declined");
      await telegram.waitUntilConfirmed(lost.update.update_id);
      const kept = await ann.pay();
      if (!kept.ok) throw new Error("declined");
      ann.send("/ping");
      await ann.waitForMessage("pong");

      expect(handled).toEqual([kept.chargeId]);
      expect(telegram.starTransactions().map((transaction) => transaction.id)).toEqual([lost.chargeId, kept.chargeId]);
    } finally {
      if (runner.isRunning()) await runner.stop();
    }
  });

  it("loses a confirmOnFetch update whose getUpdates answer a drop fault (applyFirst) swallowed", async () => {
    const ann = telegram.user();
    await sendStarsInvoice(ann, "order-1", 250);
    const paying = payApproved(ann, { confirmOnFetch: true });
    // payApproved's own poll fetches the pre-checkout query; the fault catches the next poll.
    await telegram.waitForCall("answerPreCheckoutQuery");
    telegram.failNext("getUpdates", "drop", 1, { applyFirst: true });
    const paid = await paying;

    await expect(poller.fetch()).rejects.toBeInstanceOf(HttpError);

    expect(await poller.fetch()).toEqual([]);
    expect(telegram.pendingUpdates()).toEqual([]);
    expect(telegram.starTransactions().map((transaction) => transaction.id)).toEqual([paid.chargeId]);
  });

  it("does not retry a confirmOnFetch update that the webhook failed to take, nor post a loseOnFetch one", async () => {
    const received: Update[] = [];
    const server: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString()) as Update);
        response.writeHead(received.length === 1 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    try {
      await api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const ann = telegram.user();
      const message = (text: string) => textMessage({ messageId: 1, chat: privateChat(ann.user), from: ann.user, text });
      telegram.enqueue(telegram.updates.message(message("failed")), { confirmOnFetch: true });
      telegram.enqueue(telegram.updates.message(message("never posted")), { loseOnFetch: true });
      const next = ann.send("next");
      await telegram.waitUntilConfirmed(next.update_id);

      expect(received.map((update) => update.message?.text)).toEqual(["failed", "next"]);
      expect((await api.getWebhookInfo()).last_error_message).toContain("500");
    } finally {
      await api.deleteWebhook();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("forged successful_payment updates", () => {
  it("delivers the forged values while the pre-checkout query, the ledger and refunds keep the real charge", async () => {
    const ann = telegram.user();
    const mallory = telegram.user({ first_name: "Mallory" });
    await sendStarsInvoice(ann, "order-1", 250);
    const paying = ann.pay({ forge: { currency: "USD", totalAmount: 1, payload: "order-999", from: mallory.user } });
    const [checkout] = await poller.fetch(5);
    expect(checkout?.pre_checkout_query).toMatchObject({ from: ann.user, currency: "XTR", total_amount: 250, invoice_payload: "order-1" });
    await api.answerPreCheckoutQuery(checkout?.pre_checkout_query?.id ?? "", true);
    const paid = await paying;
    if (!paid.ok) throw new Error("declined");

    const [update] = await poller.fetch();
    expect(update?.message?.from).toEqual(mallory.user);
    expect(update?.message?.chat.id).toBe(ann.id);
    expect(update?.message?.successful_payment).toEqual({
      currency: "USD",
      total_amount: 1,
      invoice_payload: "order-999",
      telegram_payment_charge_id: paid.chargeId,
      provider_payment_charge_id: "",
    });
    expect(telegram.starTransactions()).toEqual([
      expect.objectContaining({ id: paid.chargeId, amount: 250, source: expect.objectContaining({ user: ann.user, invoice_payload: "order-1" }) }),
    ]);
    await expect(api.refundStarPayment(mallory.id, paid.chargeId)).rejects.toMatchObject({ description: "Bad Request: CHARGE_NOT_FOUND" });
    await expect(api.refundStarPayment(ann.id, paid.chargeId)).resolves.toBe(true);
  });

  it("can forge a charge id Telegram does not know: refunding it fails with CHARGE_NOT_FOUND", async () => {
    const ann = telegram.user();
    const paid = await buy(ann, "order-1", 250, { forge: { chargeId: "stxForged" } });

    const [update] = await poller.fetch();
    expect(update?.message?.successful_payment?.telegram_payment_charge_id).toBe("stxForged");
    expect(paid.chargeId).not.toBe("stxForged");
    await expect(api.refundStarPayment(ann.id, "stxForged")).rejects.toMatchObject({ description: "Bad Request: CHARGE_NOT_FOUND" });
  });

  it("charges an edited copy of an invoice as it is: a payload the bot never issued reaches the ledger too", async () => {
    const ann = telegram.user();
    await sendStarsInvoice(ann, "order-1", 250);
    const invoice = telegram.invoices[0];
    if (!invoice) throw new Error("no invoice");
    const paying = ann.pay({ ...invoice, payload: "no-such-order" });
    const [checkout] = await poller.fetch(5);
    await api.answerPreCheckoutQuery(checkout?.pre_checkout_query?.id ?? "", true);
    await paying;

    expect(telegram.starTransactions()[0]?.source).toMatchObject({ invoice_payload: "no-such-order" });
  });
});

describe("the emulator's clock", () => {
  it("dates the user's messages, the bot's messages and edits by the `now` option", async () => {
    const ann = telegram.user();
    const incoming = ann.send("hello");
    advanceClock(10);
    const sent = await api.sendMessage(ann.id, "Hi");
    advanceClock(5);
    const edited = await api.editMessageText(ann.id, sent.message_id, "Hi there");

    expect(incoming.message?.date).toBe(START_SECONDS);
    expect(sent.date).toBe(START_SECONDS + 10);
    expect(edited).toMatchObject({ date: START_SECONDS + 10, edit_date: START_SECONDS + 15 });
  });
});
