/**
 * Operator actions on an order, each one transaction with its audit entry.
 * The entry's action key is `order:<id>:v<version>`, the version being the
 * card the operator confirmed on (its count of such entries): only the first
 * action on a version commits, so a double tap, a second operator on the same
 * card or a replayed update fails on the key and changes nothing. The money
 * moves are the refund machinery's (RefundsRepository's helpers and refund
 * intents, the order state machine's conditional moves), never a second path.
 */
import type { AuditEntry, JsonValue } from "../domain/audit.ts";
import { refundsAutomatically, type Order, type OrderStatus, type PaymentStatus } from "../domain/order.ts";
import type { RefundStatus } from "../domain/refund.ts";
import { insertAuditEntry } from "./audit-repository.ts";
import { toEsim } from "./esims-repository.ts";
import { toOrder, toPayment } from "./money-rows.ts";
import { isUniqueViolation, type ShopPrisma, type ShopTransaction } from "./prisma-types.ts";
import { insertRefundIntent } from "./refund-intents.ts";
import { markRefunded, moveOrder } from "./refunds-repository.ts";
import type { Esim } from "../domain/order.ts";

/** Who acts, on which card version, why (the note), and when. */
export interface ActionStamp {
  operatorId: number;
  version: number;
  note: string | null;
  at: Date;
}

/**
 * Why an action did not happen:
 * - stale: another action was recorded on the order since the card was shown (or this one, tapped twice);
 * - not-allowed: the order's state does not allow it (any more);
 * - busy: fulfilment is working on the order right now;
 * - not-found: no such order;
 * - note-required: a card payment is marked refunded outside the shop only with a note saying how.
 */
export type ActionRefusal = "stale" | "not-allowed" | "busy" | "not-found" | "note-required";

/** What an action did, or why not. */
export type ActionRecord<T> = { ok: true; entry: AuditEntry; result: T } | { ok: false; why: ActionRefusal };

/** How an operator refund went: a Stars refund intent for the refund worker, or a card payment marked refunded. */
export type RefundRecord = { kind: "stars"; refundId: string } | { kind: "card" };

class Refused extends Error {
  constructor(readonly why: ActionRefusal) {
    super(why);
  }
}

/** Operator actions in the shop's database. */
export class OrderActionsRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Makes a paid order's pending fulfilment job due now (the fulfilment worker does the rest). */
  retryDelivery(orderId: string, stamp: ActionStamp): Promise<ActionRecord<null>> {
    return this.#act(orderId, "order.retry", stamp, async (tx, order) => {
      if (order.status !== "paid") throw new Refused("not-allowed");
      const made = await tx.fulfilmentJob.updateMany({ where: { orderId, status: "pending", ...leaseFree(stamp.at) }, data: { runAt: stamp.at } });
      if (made.count === 0) throw new Refused(await jobBusy(tx, orderId, stamp.at));
      return { details: {}, result: null };
    });
  }

  /** Records a resend of a delivered order's eSIM, which the service then sends (at most once per version). */
  resendEsim(orderId: string, stamp: ActionStamp): Promise<ActionRecord<{ order: Order; esim: Esim }>> {
    return this.#act(orderId, "order.resend", stamp, async (tx, order) => {
      // Stryker disable next-line ConditionalExpression: for the top-up half, equivalent: a top-up order has no eSIM of its own, so the look-up below refuses it too
      if (order.status !== "delivered" || order.topUpEsimId !== null) throw new Refused("not-allowed");
      const esim = await tx.esim.findUnique({ where: { orderId } });
      if (!esim) throw new Refused("not-allowed");
      return { details: {}, result: { order, esim: toEsim(esim) } };
    });
  }

  /**
   * Refunds the order's own payment. Stars: a refund intent for the refund
   * worker (refundStarPayment), the order paid → refunding; a failed intent
   * is made pending again. Cards: recorded as refunded outside the shop
   * (the intent done, the payment and the order refunded). Either way its
   * fulfilment job ends, and never while a worker is running it.
   */
  refundOrder(orderId: string, stamp: ActionStamp): Promise<ActionRecord<RefundRecord>> {
    return this.#act(orderId, "order.refund", stamp, async (tx, order) => {
      if (order.status !== "paid" && order.status !== "needs_operator") throw new Refused("not-allowed");
      if (!refundsAutomatically(order.currency) && stamp.note === null) throw new Refused("note-required");
      const reason = `refunded by operator ${stamp.operatorId}${stamp.note ? `: ${stamp.note}` : ""}`;
      const ended = await tx.fulfilmentJob.updateMany({ where: { orderId, ...leaseFree(stamp.at) }, data: { status: "failed", leaseUntil: null, lastError: reason.slice(0, 500) } });
      if (ended.count === 0 && (await tx.fulfilmentJob.count({ where: { orderId } })) > 0) throw new Refused("busy");
      const result = refundsAutomatically(order.currency) ? await refundStars(tx, order, reason, stamp.at) : await refundedOutside(tx, order, reason, stamp.at);
      return { details: { kind: result.kind }, result };
    });
  }

  /** Marks the order's problem resolved (it leaves the attention list until a newer one arises). */
  resolveOrder(orderId: string, stamp: ActionStamp): Promise<ActionRecord<null>> {
    return this.#act(orderId, "order.resolve", stamp, async (tx, order) => {
      if (order.status === "awaiting_payment" || order.status === "expired") throw new Refused("not-allowed");
      await tx.order.update({ where: { id: orderId }, data: { resolvedAt: stamp.at } });
      return { details: {}, result: null };
    });
  }

  async #act<T>(
    orderId: string,
    action: string,
    stamp: ActionStamp,
    work: (tx: ShopTransaction, order: Order) => Promise<{ details: { [key: string]: JsonValue }; result: T }>,
  ): Promise<ActionRecord<T>> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const row = await tx.order.findUnique({ where: { id: orderId } });
        if (!row) throw new Refused("not-found");
        const recorded = await tx.auditEntry.count({ where: { subjectKind: "order", subjectId: orderId, actionKey: { not: null } } });
        if (recorded !== stamp.version) throw new Refused("stale");
        const { details, result } = await work(tx, toOrder(row));
        const entry = await insertAuditEntry(tx, {
          at: stamp.at,
          operatorId: stamp.operatorId,
          action,
          subject: { kind: "order", id: orderId },
          details: { ...details, ...(stamp.note ? { note: stamp.note } : {}) },
          result: "ok",
          actionKey: `order:${orderId}:v${stamp.version}`,
        });
        return { ok: true as const, entry, result };
      });
    } catch (error) {
      if (error instanceof Refused) return { ok: false, why: await this.#explain(orderId, stamp.version, error.why) };
      // The same version's key (or a refund intent of the payment) committed first: someone else acted.
      if (isUniqueViolation(error)) return { ok: false, why: "stale" };
      throw error;
    }
  }

  /**
   * A state that no longer allows the action, because another action was
   * recorded meanwhile (a concurrent one that committed first: PostgreSQL
   * lets the second transaction wait for it and then see its effect), is
   * reported as stale, as on SQLite.
   */
  async #explain(orderId: string, version: number, why: ActionRefusal): Promise<ActionRefusal> {
    if (why !== "not-allowed" && why !== "busy") return why;
    const recorded = await this.prisma.auditEntry.count({ where: { subjectKind: "order", subjectId: orderId, actionKey: { not: null } } });
    return recorded === version ? why : "stale";
  }
}

function leaseFree(now: Date) {
  return { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
}

async function jobBusy(tx: ShopTransaction, orderId: string, now: Date): Promise<ActionRefusal> {
  const job = await tx.fulfilmentJob.findUnique({ where: { orderId } });
  return job?.status === "pending" && job.leaseUntil !== null && job.leaseUntil >= now ? "busy" : "not-allowed";
}

/** The order's own payment: captured, or waiting for the operator. */
async function ownPayment(tx: ShopTransaction, orderId: string) {
  const row = await tx.payment.findFirst({
    where: { orderId, status: { in: ["captured", "needs_operator"] satisfies PaymentStatus[] } },
    include: { refund: true },
    orderBy: { createdAt: "asc" },
  });
  if (!row) throw new Refused("not-allowed");
  return row;
}

async function refundStars(tx: ShopTransaction, order: Order, reason: string, now: Date): Promise<RefundRecord> {
  const payment = await ownPayment(tx, order.id);
  if (payment.refund) {
    // Telegram refused it before: the worker tries again; anything else is under way or done.
    const again = await tx.refund.updateMany({
      where: { id: payment.refund.id, status: "failed" satisfies RefundStatus },
      data: { status: "pending" satisfies RefundStatus, nextAttemptAt: now, leaseUntil: null, lastError: null },
    });
    if (again.count === 0) throw new Refused("not-allowed");
    return { kind: "stars", refundId: payment.refund.id };
  }
  // paid → refunding; a needs_operator order stays so until the worker's refund makes it refunded.
  if (order.status === "paid" && !(await moveOrder(tx, order.id, "refunding"))) throw new Refused("not-allowed");
  const refund = await insertRefundIntent(tx, toPayment(payment), { orderId: order.id, reason, now });
  return { kind: "stars", refundId: refund.id };
}

async function refundedOutside(tx: ShopTransaction, order: Order, reason: string, now: Date): Promise<RefundRecord> {
  const payment = await ownPayment(tx, order.id);
  const refundId = payment.refund?.id ?? (await insertRefundIntent(tx, toPayment(payment), { orderId: order.id, reason, now })).id;
  const closed = await tx.refund.updateMany({
    where: { id: refundId, status: { in: ["manual", "failed"] satisfies RefundStatus[] } },
    data: { status: "done" satisfies RefundStatus, doneAt: now, leaseUntil: null, orderId: order.id },
  });
  if (closed.count === 0) throw new Refused("not-allowed");
  await markRefunded(tx, payment.id, order.id, now);
  const after = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
  if ((after.status as OrderStatus) !== "refunded") throw new Refused("not-allowed");
  return { kind: "card" };
}
