/** Invoices and pre-checkout answers (Star refunds are in stars.ts). */
import type { LabeledPrice, Message } from "grammy/types";
import { badRequest, invalidQueryId } from "../api-error.ts";
import type { SentInvoice } from "../chats.ts";
import { readInlineKeyboard } from "../markup.ts";
import { isObject } from "../params.ts";
import type { PreCheckoutAnswer } from "../state.ts";
import type { MethodTable } from "./method.ts";
import { postBotMessage, sendableChat } from "./send-helpers.ts";

/** Handlers for Telegram Payments. */
export const paymentMethods: MethodTable = {
  sendInvoice: ({ params, state }) => {
    const record = sendableChat(state, params);
    const title = params.string("title");
    const description = params.string("description");
    const payload = params.string("payload");
    const currency = params.string("currency");
    const providerToken = params.optionalString("provider_token") ?? "";
    const prices = params.array("prices").map(readPrice);
    if (title.length > 32) throw badRequest("INVOICE_TITLE_INVALID");
    if (description.length > 255) throw badRequest("INVOICE_DESCRIPTION_INVALID");
    const payloadBytes = Buffer.byteLength(payload, "utf8");
    if (payloadBytes < 1 || payloadBytes > 128) throw badRequest("INVOICE_PAYLOAD_INVALID");
    if (!/^[A-Z]{3}$/.test(currency)) throw badRequest("CURRENCY_INVALID");
    if (prices.length === 0) throw badRequest("prices are empty");
    if (currency === "XTR") {
      // Telegram Stars: no payment provider and exactly one price.
      if (providerToken !== "") throw badRequest("PAYMENT_PROVIDER_INVALID: provider_token must be empty for payments in Telegram Stars");
      if (prices.length !== 1) throw badRequest("STARS_INVOICE_INVALID: invoices in Telegram Stars must contain exactly one price");
    } else if (providerToken === "") {
      throw badRequest("PAYMENT_PROVIDER_INVALID");
    }
    const total = prices.reduce((sum, price) => sum + price.amount, 0);
    if (total <= 0) throw badRequest("CURRENCY_TOTAL_AMOUNT_INVALID");
    const keyboard = readInlineKeyboard(params.optionalObject("reply_markup"));
    const firstButton = keyboard?.inline_keyboard[0]?.[0];
  if (firstButton && !("pay" in firstButton && firstButton.pay === true)) {
      throw badRequest("first button of the invoice keyboard must be a Pay button");
    }
    const startParameter = params.optionalString("start_parameter");
    const photoUrl = params.optionalString("photo_url");
    const fields: Partial<Message> = {
      invoice: { title, description, start_parameter: startParameter ?? "", currency, total_amount: total },
      ...(keyboard ? { reply_markup: keyboard } : {}),
    };
    const posted = postBotMessage(state, record, params, fields);
    const invoice: SentInvoice = {
      chat_id: record.chat.id,
      message_id: posted.message_id,
      title,
      description,
      payload,
      currency,
      prices,
      provider_token: providerToken,
      total_amount: total,
      ...(startParameter === undefined ? {} : { start_parameter: startParameter }),
      ...(photoUrl === undefined ? {} : { photo_url: photoUrl }),
      params: { ...params.raw },
    };
    posted.invoice = invoice;
    state.invoices.push(invoice);
    state.signal.notify();
    return posted.message;
  },

  answerPreCheckoutQuery: ({ params, state }) => {
    const entry = state.preCheckoutQueries.get(params.string("pre_checkout_query_id"));
    if (!entry || entry.answer) throw invalidQueryId();
    const ok = params.optionalBool("ok");
    if (ok === undefined) throw badRequest("ok is empty");
    const answer: PreCheckoutAnswer = { ok };
    if (!ok) {
      const errorMessage = params.optionalString("error_message");
      if (!errorMessage) throw badRequest("ERROR_MESSAGE_EMPTY: error_message is required when ok is false");
      answer.error_message = errorMessage;
    }
    entry.answer = answer;
    state.signal.notify();
    return true;
  },
};

function readPrice(value: unknown): LabeledPrice {
  if (!isObject(value) || typeof value.label !== "string" || value.label === "") {
    throw badRequest("can't parse prices JSON object: each price needs a label");
  }
  if (typeof value.amount !== "number" || !Number.isInteger(value.amount)) {
    throw badRequest("can't parse prices JSON object: amount must be an integer in the smallest units of the currency");
  }
  return { label: value.label, amount: value.amount };
}
