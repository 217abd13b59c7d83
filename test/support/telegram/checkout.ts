/**
 * What Telegram does when a user pays an invoice: it asks the bot with a
 * pre_checkout_query, takes the money (the payment record and, for Stars,
 * the Star ledger), then tells the bot with a successful_payment message.
 * {@link TestUser.pay} drives these steps; the options script what can go
 * wrong around them.
 */
import { randomBytes } from "node:crypto";
import type { SuccessfulPayment, Update, User } from "grammy/types";
import type { SentInvoice, VisibleMessage } from "./chats.ts";
import type { EmulatorState, PreCheckoutAnswer } from "./state.ts";

/**
 * Values the successful_payment update carries instead of the real charge's,
 * for tests of the bot's second check (a forged or odd update). Telegram's
 * own records (`payments()`, getStarTransactions, refundStarPayment) keep
 * what was really charged: the invoice's values and the real payer.
 */
export interface ForgedPayment {
  currency?: string;
  totalAmount?: number;
  /** invoice_payload. */
  payload?: string;
  /** telegram_payment_charge_id (one Telegram does not know, e.g.). */
  chargeId?: string;
  /** The message's `from`: someone other than the payer. */
  from?: User;
}

/** Options of `pay()`. */
export interface PayOptions {
  /** How long to wait for answerPreCheckoutQuery; Telegram's limit, 10 s, by default. */
  timeoutMs?: number;
  /**
   * false: Telegram takes the money and the chat shows the payment, but the
   * successful_payment update never reaches the bot (only the Star ledger
   * knows). `redeliverPayment(chargeId)` can deliver it late.
   */
  deliverUpdate?: boolean;
  /**
   * The successful_payment update counts as confirmed as soon as the bot
   * fetches it (a runner that confirms a batch before handling it): a bot
   * that dies before handling it never gets it again.
   */
  confirmOnFetch?: boolean;
  /**
   * Like `confirmOnFetch`, and the getUpdates answer that hands the update
   * out is dropped (a webhook never gets it): the bot fetched, confirmed and
   * lost it, as if it had crashed before handling it.
   */
  loseOnFetch?: boolean;
  /** What the successful_payment update says instead of the truth. */
  forge?: ForgedPayment;
}

/** The result of `pay()`. */
export type PaymentOutcome =
  | {
      ok: true;
      preCheckoutQueryId: string;
      /** The real telegram_payment_charge_id ("stx…" for Stars). */
      chargeId: string;
      /** The successful_payment the update carries (forged values included). */
      payment: SuccessfulPayment;
      /** The successful_payment update; built even when not delivered (its update_id then stays unused). */
      update: Update;
      /** Whether the update was queued for the bot (`deliverUpdate`). */
      delivered: boolean;
    }
  | { ok: false; preCheckoutQueryId: string; errorMessage: string };

/** `pay(invoice?, options?)` or `pay(options)`: which invoice and which options. */
export function payArguments(
  first: VisibleMessage | SentInvoice | PayOptions | undefined,
  second: PayOptions | undefined,
): { invoice: VisibleMessage | SentInvoice | undefined; options: PayOptions } {
  if (first !== undefined && "message_id" in first) return { invoice: first, options: second ?? {} };
  return { invoice: undefined, options: first ?? second ?? {} };
}

/** Queues a pre_checkout_query for `invoice` and waits for the bot's answer. */
export async function askPreCheckout(
  state: EmulatorState,
  payer: User,
  invoice: SentInvoice,
  timeoutMs: number,
): Promise<{ id: string; answer: PreCheckoutAnswer }> {
  const id = String(state.nextNumber()) + String(Date.now());
  const query = { id, from: payer, currency: invoice.currency, total_amount: invoice.total_amount, invoice_payload: invoice.payload };
  state.preCheckoutQueries.set(id, { query });
  state.enqueue(state.updates.preCheckoutQuery(query));
  const answer = await state.signal.waitFor(
    () => state.preCheckoutQueries.get(id)?.answer,
    timeoutMs,
    () =>
      new Error(
        `The bot did not answer pre_checkout_query ${id} (payload "${invoice.payload}") within ${timeoutMs} ms.\n` +
          `Recent calls:\n${state.calls.describeRecent()}`,
      ),
  );
  return { id, answer };
}

/**
 * Takes the money for `invoice` with a new charge id: records the payment
 * and, for Stars, the incoming Star transaction. Returns the truthful
 * successful_payment.
 */
export function chargeInvoice(state: EmulatorState, payer: User, invoice: SentInvoice): SuccessfulPayment {
  const stars = invoice.currency === "XTR";
  const payment: SuccessfulPayment = {
    currency: invoice.currency,
    total_amount: invoice.total_amount,
    invoice_payload: invoice.payload,
    telegram_payment_charge_id: stars ? `stx${randomBytes(18).toString("base64url")}` : `tg_${randomBytes(12).toString("hex")}`,
    provider_payment_charge_id: stars ? "" : `prov_${randomBytes(12).toString("hex")}`,
  };
  const date = state.nowSeconds();
  state.payments.set(payment.telegram_payment_charge_id, {
    chargeId: payment.telegram_payment_charge_id,
    providerChargeId: payment.provider_payment_charge_id,
    userId: payer.id,
    chatId: invoice.chat_id,
    currency: invoice.currency,
    totalAmount: invoice.total_amount,
    payload: invoice.payload,
    invoiceMessageId: invoice.message_id,
    date,
    refunded: false,
  });
  if (stars) {
    state.starLedger.recordCharge({
      chargeId: payment.telegram_payment_charge_id,
      amount: invoice.total_amount,
      user: payer,
      invoicePayload: invoice.payload,
      date,
    });
  }
  state.signal.notify();
  return payment;
}

/** The successful_payment with the forged values in place of the real ones. */
export function forgedPayment(payment: SuccessfulPayment, forge: ForgedPayment = {}): SuccessfulPayment {
  return {
    ...payment,
    currency: forge.currency ?? payment.currency,
    total_amount: forge.totalAmount ?? payment.total_amount,
    invoice_payload: forge.payload ?? payment.invoice_payload,
    telegram_payment_charge_id: forge.chargeId ?? payment.telegram_payment_charge_id,
  };
}
