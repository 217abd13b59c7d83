/**
 * Reconciling with Telegram's Star ledger, the record of money in: a
 * payment whose update never reached the bot (lost in a crash, or confirmed
 * before it was handled) is still found here.
 *
 * One instance at a time (a lease on the cursor row) pages through the bot's
 * Star transactions, oldest first, from where the last run stopped:
 * - an incoming invoice payment whose charge id the database does not know
 *   is recorded exactly as if its update had arrived (the payments
 *   service's takePayment: same transaction, same idempotency, same second
 *   check), and fulfilment follows; one whose payload names no order gets a
 *   refund intent there, like any stray payment;
 * - an outgoing refund we did not record marks the payment (and its order)
 *   refunded, closing our refund intent if there was one.
 * Every step is idempotent, so a run cut short anywhere repeats safely; the
 * cursor only moves past transactions that were handled.
 *
 * Card payments have no such ledger.
 */
import type { LedgerCursorRepository } from "../db/ledger-cursor-repository.ts";
import type { Logger } from "./logger.ts";
import type { PaymentsService } from "./payments.ts";
import type { StarLedger, StarLedgerEntry } from "./ports.ts";
import type { RefundService } from "./refunds.ts";

/** Telegram returns at most 100 transactions a call. */
const PAGE_SIZE = 100;

/** What the ledger service needs. */
export interface StarLedgerDeps {
  ledger: StarLedger;
  cursor: LedgerCursorRepository;
  payments: Pick<PaymentsService, "takePayment">;
  refunds: Pick<RefundService, "recordObserved">;
  log: Logger;
  /** This instance's name on the lease. */
  owner: string;
  /** How long a run may hold the lease between two pages. Default 2 minutes. */
  leaseMs?: number;
}

/** What one run did; null when another instance was reading the ledger. */
export interface LedgerRunReport {
  /** Transactions read. */
  read: number;
  /** Payments the database did not know, now recorded. */
  paymentsFound: number;
  /** Refunds the database did not show, now recorded. */
  refundsFound: number;
}

/** Reads the Star ledger from the stored cursor and records what the database is missing. */
export class StarLedgerReconciler {
  readonly #leaseMs: number;

  constructor(private readonly deps: StarLedgerDeps) {
    this.#leaseMs = deps.leaseMs ?? 2 * 60_000;
  }

  /** One pass to the end of the ledger. */
  async run(): Promise<LedgerRunReport | null> {
    const { cursor, owner, log } = this.deps;
    let position = await cursor.lease(owner, this.#leaseMs);
    if (position === null) return null;
    const report: LedgerRunReport = { read: 0, paymentsFound: 0, refundsFound: 0 };
    try {
      for (;;) {
        const page = await this.deps.ledger.transactions(position, PAGE_SIZE);
        for (const entry of page) {
          await this.#handle(entry, report);
          position += 1;
          report.read += 1;
        }
        // After an empty page too: the cursor stays where it is, the lease is renewed (one branch fewer, no behaviour to tell apart).
        if (!(await cursor.advance(owner, position, this.#leaseMs))) {
          log.warn({ position }, "lost the ledger lease; another instance goes on");
          return report;
        }
        if (page.length < PAGE_SIZE) break;
      }
    } catch (error) {
      // Handled transactions stay handled; the failed one is read again next time.
      await cursor.advance(owner, position, this.#leaseMs).catch(() => undefined);
      throw error;
    } finally {
      await cursor.release(owner).catch((error: unknown) => log.warn({ err: error }, "could not release the ledger lease"));
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the condition only decides whether to log
    if (report.paymentsFound + report.refundsFound > 0) log.warn({ ...report }, "the Star ledger had what the database did not");
    return report;
  }

  async #handle(entry: StarLedgerEntry, report: LedgerRunReport): Promise<void> {
    if (entry.direction === "in" && entry.payment) {
      const { userId, invoicePayload } = entry.payment;
      const payment = {
        orderId: invoicePayload,
        userId,
        telegramChargeId: entry.id,
        providerChargeId: null,
        currency: "XTR",
        amount: entry.amount,
        // Stryker disable next-line StringLiteral: the language only formats a card price (formatPrice); a Stars price reads the same in every language
        language: "en",
      };
      // Nobody to reply to: the eSIM (or the refund's message) tells the payer.
      const outcome = await this.deps.payments.takePayment(payment, async () => undefined);
      if (outcome.kind !== "already-recorded") {
        report.paymentsFound += 1;
        this.deps.log.warn({ chargeDate: entry.date, userId, outcome: outcome.kind }, "payment found in the Star ledger");
      }
      return;
    }
    if (entry.direction === "out" && entry.refundTo !== null) {
      const observed = await this.deps.refunds.recordObserved(entry.id);
      if (observed.kind === "closed-intent" || observed.kind === "recorded") report.refundsFound += 1;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the condition only decides whether to log
      if (observed.kind === "unknown-charge") this.deps.log.warn({ userId: entry.refundTo }, "the Star ledger shows a refund of a charge we never recorded");
    }
  }
}
