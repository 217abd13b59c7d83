/**
 * Refund intents and the decisions around them. Deciding to refund an order
 * is one transaction: the intent, the order's move (refunding, or
 * needs_operator for a card payment) and the end of its fulfilment job.
 * Carrying a refund out is another: the intent done, the payment refunded,
 * the order refunded. The worker claims due intents with a lease (one
 * UPDATE … RETURNING, see claim-rows.ts), so a crashed worker's refund is
 * picked up again and two workers never call Telegram for one at once. The
 * lease value is the claim's token, as for fulfilment jobs: the worker renews
 * it while it holds the refund (extendLease) and hands the refund back for a
 * retry only while it still holds it (retryAt).
 */
import { refundsAutomatically, statusesBefore, type Order, type OrderStatus, type Payment, type PaymentStatus } from "../domain/order.ts";
import { LEDGER_REFUND_REASON, type Refund, type RefundStatus } from "../domain/refund.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows, leaseFree } from "./claim-rows.ts";
import type { DatabaseProvider } from "./client.ts";
import { finishJob } from "./jobs-repository.ts";
import { toOrder, toPayment, toRefund } from "./money-rows.ts";
import type { ShopPrisma, ShopTransaction } from "./prisma-types.ts";
import { insertRefundIntent } from "./refund-intents.ts";

/** A refund with the payment it gives back and the order that payment names (if any), as they were when read. */
export interface RefundCase {
  refund: Refund;
  payment: Payment;
  order: Order | null;
}

/** A claimed refund: its case and the lease it was claimed with (the claim's token). */
export type ClaimedRefund = RefundCase & { leaseUntil: Date };

/**
 * What a refund seen in Telegram's ledger changed:
 * - unknown-charge: no payment of ours has this charge id;
 * - already-recorded: the payment was already refunded here;
 * - closed-intent: it completes an intent of ours (the call went through, its recording did not);
 * - recorded: nobody here decided it (e.g. refunded with the token elsewhere); now it is recorded.
 */
export type ObservedRefund =
  | { kind: "unknown-charge" }
  | { kind: "already-recorded" }
  | { kind: "closed-intent"; case: RefundCase }
  | { kind: "recorded"; case: RefundCase };

/** Refund intents in the shop's database. */
export class RefundsRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: DatabaseProvider,
    private readonly now: () => Date,
  ) {}

  /**
   * Decides to refund a paid order's payment, in one transaction: the intent,
   * the order paid → refunding (Stars) or needs_operator (cards), the job
   * ended. Returns null when the order is not paid any more (nothing changed).
   */
  async decideForOrder(order: Order, payment: Payment, reason: string): Promise<Refund | null> {
    const to: OrderStatus = refundsAutomatically(payment.currency) ? "refunding" : "needs_operator";
    return this.#inTransaction(async (tx) => {
      if (!(await moveOrder(tx, order.id, to))) return null;
      const refund = await insertRefundIntent(tx, payment, { orderId: order.id, reason, now: this.now() });
      await finishJob(tx, order.id, "failed", reason);
      return refund;
    });
  }

  /**
   * Hands a paid order to the operator without a refund (the upstream
   * outcome is still unknown: never refund blind). False when it is not paid any more.
   */
  async handToOperator(orderId: string, reason: string): Promise<boolean> {
    return this.#inTransaction(async (tx) => {
      if (!(await moveOrder(tx, orderId, "needs_operator"))) return false;
      await finishJob(tx, orderId, "failed", reason);
      return true;
    });
  }

  /** Claims up to `limit` due pending refunds for `leaseMs`; returns them with their payments, orders and leases. */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedRefund[]> {
    const now = this.now();
    const claimed = await claimRows<{ id: string; leaseUntil: Date | string }>(this.prisma, this.provider, {
      table: "Refund",
      key: "id",
      due: Prisma.sql`"status" = 'pending' AND "nextAttemptAt" <= ${now} AND ${leaseFree("leaseUntil", now)}`,
      orderBy: "nextAttemptAt",
      leaseColumn: "leaseUntil",
      leaseUntil: new Date(now.getTime() + leaseMs),
      now,
      limit,
      returning: ["id", "leaseUntil"],
    });
    const cases = await Promise.all(
      claimed.map(async (row) => {
        const found = await this.find(row.id);
        return found ? { ...found, leaseUntil: new Date(row.leaseUntil) } : null;
      }),
    );
    return cases.filter((c): c is ClaimedRefund => c !== null);
  }

  /**
   * Moves the lease of a refund this worker holds (leased until `heldUntil`)
   * to `until`; false when it no longer holds it: its lease ran out and
   * another worker claimed it, or it was closed.
   */
  async extendLease(id: string, heldUntil: Date, until: Date, now: Date): Promise<boolean> {
    const { count } = await this.prisma.refund.updateMany({
      where: { id, status: "pending", leaseUntil: heldUntil },
      data: { leaseUntil: until, updatedAt: now },
    });
    return count > 0;
  }

  /** A refund with its payment and order, or null. */
  async find(refundId: string): Promise<RefundCase | null> {
    const row = await this.prisma.refund.findUnique({ where: { id: refundId }, include: { payment: { include: { order: true } } } });
    if (!row) return null;
    return { refund: toRefund(row), payment: toPayment(row.payment), order: row.payment.order ? toOrder(row.payment.order) : null };
  }

  /** The refund of a payment, or null. */
  async findByPayment(paymentId: string): Promise<Refund | null> {
    const row = await this.prisma.refund.findUnique({ where: { paymentId } });
    return row ? toRefund(row) : null;
  }

  /**
   * Records a refund Telegram made, in one transaction: the intent done, the
   * payment refunded, its order (if the refund settles one) refunded. False
   * when the intent was not pending (already closed by another worker or the ledger).
   */
  async complete(refundId: string): Promise<boolean> {
    return this.#inTransaction(async (tx) => {
      const now = this.now();
      const refund = await closeIntent(tx, refundId, "done", now);
      if (!refund) return false;
      await markRefunded(tx, refund.paymentId, refund.orderId, now);
      return true;
    });
  }

  /**
   * Telegram refused the refund for good: the intent failed, the payment and
   * its order (if any) wait for the operator. False when it was not pending.
   */
  async fail(refundId: string, error: string): Promise<boolean> {
    return this.#inTransaction(async (tx) => {
      const refund = await closeIntent(tx, refundId, "failed", null, error);
      if (!refund) return false;
      await tx.payment.update({ where: { id: refund.paymentId }, data: { status: "needs_operator" satisfies PaymentStatus } });
      if (refund.orderId) await moveOrder(tx, refund.orderId, "needs_operator");
      return true;
    });
  }

  /**
   * The call failed in a way that may pass: try again at `at`, if the refund
   * is still leased until `heldUntil` (this worker's claim). False when
   * another worker has taken it over meanwhile, whose claim then stands.
   */
  async retryAt(refundId: string, heldUntil: Date, at: Date, attempts: number, error: string): Promise<boolean> {
    const { count } = await this.prisma.refund.updateMany({
      where: { id: refundId, status: "pending", leaseUntil: heldUntil },
      data: { nextAttemptAt: at, attempts, lastError: error.slice(0, 500), leaseUntil: null },
    });
    return count > 0;
  }

  /**
   * A refund seen in Telegram's ledger (the charge id of one of our
   * payments): records it unless it already is, in one transaction with the
   * payment and, for an order's own payment, the order (and its job ended,
   * so nothing is ordered for it any more).
   */
  async recordObserved(chargeId: string): Promise<ObservedRefund> {
    return this.#inTransaction(async (tx) => {
      const row = await tx.payment.findUnique({ where: { telegramChargeId: chargeId }, include: { order: true, refund: true } });
      if (!row) return { kind: "unknown-charge" } as const;
      if (row.status === "refunded") return { kind: "already-recorded" } as const;
      const payment = toPayment(row);
      const order = row.order ? toOrder(row.order) : null;
      const now = this.now();
      if (row.refund) {
        await tx.refund.update({ where: { id: row.refund.id }, data: { status: "done" satisfies RefundStatus, doneAt: now, leaseUntil: null } });
        await markRefunded(tx, payment.id, row.refund.orderId, now);
        return { kind: "closed-intent", case: { refund: toRefund(row.refund), payment, order } } as const;
      }
      // Nobody here decided it: the order's own payment settles the order; any other leaves it alone.
      const settles = payment.status === "captured" && order !== null ? order.id : null;
      const refund = await insertRefundIntent(tx, payment, { orderId: settles, reason: LEDGER_REFUND_REASON, now });
      await tx.refund.update({ where: { id: refund.id }, data: { status: "done" satisfies RefundStatus, doneAt: now } });
      await markRefunded(tx, payment.id, settles, now);
      if (settles && order?.status === "paid") await finishJob(tx, settles, "failed", "refunded outside the shop");
      return { kind: "recorded", case: { refund, payment, order } } as const;
    });
  }

  #inTransaction<T>(work: (tx: ShopTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}

/** Moves an order by the state machine; false when it is in no status that may move to `to`. */
export async function moveOrder(tx: ShopTransaction, orderId: string, to: OrderStatus, at?: Date): Promise<boolean> {
  const moved = await tx.order.updateMany({
    where: { id: orderId, status: { in: statusesBefore(to) } },
    data: { status: to, ...(to === "refunded" && at ? { refundedAt: at } : {}) },
  });
  return moved.count === 1;
}

/** Closes a pending intent; returns it as it was, or null when it was not pending. */
async function closeIntent(tx: ShopTransaction, refundId: string, status: "done" | "failed", doneAt: Date | null, error?: string) {
  const closed = await tx.refund.updateMany({
    where: { id: refundId, status: "pending" satisfies RefundStatus },
    data: { status, doneAt, leaseUntil: null, ...(error ? { lastError: error.slice(0, 500) } : {}) },
  });
  return closed.count === 1 ? tx.refund.findUniqueOrThrow({ where: { id: refundId } }) : null;
}

/** The payment given back, and the order it settles (if any) refunded; one step of a transaction. */
export async function markRefunded(tx: ShopTransaction, paymentId: string, orderId: string | null, at: Date): Promise<void> {
  await tx.payment.update({ where: { id: paymentId }, data: { status: "refunded" satisfies PaymentStatus } });
  if (orderId) await moveOrder(tx, orderId, "refunded", at);
}
