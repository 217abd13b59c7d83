/**
 * The bot's Telegram Star balance history as getStarTransactions shows it:
 * every Stars payment by a user is an incoming transaction (`source`), every
 * refund an outgoing one (`receiver`) with the charge's id, oldest first.
 */
import type { StarTransaction, TransactionPartnerUser, User } from "grammy/types";

/** A Stars charge to put in the ledger. */
export interface StarCharge {
  /** telegram_payment_charge_id; it is also the transaction id. */
  chargeId: string;
  /** Stars paid (the invoice's total_amount). */
  amount: number;
  /** The payer. */
  user: User;
  invoicePayload: string;
  /** Unix seconds. */
  date: number;
}

/** The Star transactions of one bot, append-only. */
export class StarLedger {
  readonly #transactions: StarTransaction[] = [];

  /** Every transaction, oldest first (copies). */
  get all(): StarTransaction[] {
    return structuredClone(this.#transactions);
  }

  /** Records a user's payment as an incoming transaction. */
  recordCharge(charge: StarCharge): StarTransaction {
    const source: TransactionPartnerUser = {
      type: "user",
      transaction_type: "invoice_payment",
      user: structuredClone(charge.user),
      invoice_payload: charge.invoicePayload,
    };
    const transaction: StarTransaction = { id: charge.chargeId, amount: charge.amount, date: charge.date, source };
    this.#transactions.push(transaction);
    return structuredClone(transaction);
  }

  /**
   * Records the refund of a recorded charge as an outgoing transaction to the
   * payer. Telegram gives a refund the id of the transaction it refunds, and
   * describes the partner as it described the charge's source.
   */
  recordRefund(chargeId: string, date: number): StarTransaction {
    const charge = this.#transactions.find((transaction) => transaction.id === chargeId && transaction.source !== undefined);
    if (!charge?.source) throw new Error(`The Star ledger has no charge ${chargeId} to refund.`);
    const transaction: StarTransaction = {
      id: chargeId,
      amount: charge.amount,
      date,
      receiver: structuredClone(charge.source),
    };
    this.#transactions.push(transaction);
    return structuredClone(transaction);
  }

  /** A page as getStarTransactions returns it: skip `offset` transactions, then at most `limit`. */
  page(offset: number, limit: number): StarTransaction[] {
    return structuredClone(this.#transactions.slice(offset, offset + limit));
  }
}
