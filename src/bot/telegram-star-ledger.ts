/**
 * The services' StarLedger over getStarTransactions. Telegram lists the
 * bot's Star transactions oldest first (`offset` = transactions to skip); an
 * incoming one has a `source`, an outgoing one a `receiver`. A user's invoice
 * payment carries its invoice_payload; a refund to a user reuses the
 * refunded charge's id.
 */
import type { Api } from "grammy";
import type { StarTransaction, TransactionPartner } from "grammy/types";
import type { StarLedger, StarLedgerEntry } from "../services/ports.ts";

/** StarLedger over the Bot API. */
export class TelegramStarLedger implements StarLedger {
  constructor(private readonly api: Api) {}

  async transactions(offset: number, limit: number): Promise<StarLedgerEntry[]> {
    const { transactions } = await this.api.getStarTransactions({ offset, limit });
    return transactions.map(toEntry);
  }
}

/** One transaction as the services see it. */
export function toEntry(transaction: StarTransaction): StarLedgerEntry {
  const { id, amount } = transaction;
  const date = new Date(transaction.date * 1000);
  if (transaction.source) return { direction: "in", id, amount, date, payment: invoicePayment(transaction.source) };
  const receiver = transaction.receiver;
  return { direction: "out", id, amount, date, refundTo: receiver?.type === "user" ? receiver.user.id : null };
}

function invoicePayment(source: TransactionPartner): { userId: number; invoicePayload: string } | null {
  if (source.type !== "user" || source.transaction_type !== "invoice_payment") return null;
  // An invoice without a payload cannot name an order: it is recorded as a stray payment.
  return { userId: source.user.id, invoicePayload: source.invoice_payload ?? "" };
}
