/**
 * The operator's reconcile report over a period: Telegram's Star charges and
 * refunds, the payments and refunds the shop recorded, its orders by state
 * and their orders at the provider, and every mismatch between them with
 * the ids to look into. It only reads. Card payments have no ledger at
 * Telegram, so only their orders and refunds are checked.
 */
import pLimit from "p-limit";
import { ORDER_STATUSES, type OrderStatus, type Payment } from "../domain/order.ts";
import { REFUND_STATUSES, type Refund, type RefundStatus } from "../domain/refund.ts";
import type { OrderFacts, ReconcileReads } from "../db/reconcile-reads.ts";
import type { EsimProvider } from "../providers/port.ts";
import type { StarLedger, StarLedgerEntry } from "./ports.ts";
import { lookUpOrder } from "./upstream-outcome.ts";

/** Telegram returns at most 100 transactions a call. */
const PAGE_SIZE = 100;

/** What kind of disagreement a mismatch is. */
export type MismatchKind =
  | "charge-without-payment"
  | "payment-without-charge"
  | "refund-not-recorded"
  | "refund-not-at-telegram"
  | "order-unsettled"
  | "upstream-order-not-delivered"
  | "delivered-without-upstream-order"
  | "upstream-unknown";

/** One disagreement, with the ids to look into. */
export interface Mismatch {
  kind: MismatchKind;
  chargeId?: string;
  paymentId?: string;
  orderId?: string;
  refundId?: string;
  detail: string;
}

/** The report. */
export interface ReconcileReport {
  from: Date;
  to: Date;
  telegram: { charges: number; starsIn: number; refunds: number; starsOut: number };
  payments: { recorded: number; byStatus: Record<string, number> };
  orders: Record<OrderStatus, number>;
  upstream: { checked: number; found: number; absent: number; unknown: number };
  refunds: Record<RefundStatus, number>;
  mismatches: Mismatch[];
}

/** Where the report reads from. */
export interface ReconcileSources {
  reads: ReconcileReads;
  ledger: StarLedger;
  provider: Pick<EsimProvider, "findOrderByExternalId">;
  /** Upstream lookups in flight at once. Default 8. */
  lookupConcurrency?: number;
}

/** Builds the report for the `days` before `now`. */
export async function buildReconcileReport(sources: ReconcileSources, now: Date, days: number): Promise<ReconcileReport> {
  const from = new Date(now.getTime() - days * 86_400_000);
  const ledger = await readWholeLedger(sources.ledger);
  const charges = ledger.filter(isCharge).filter((entry) => entry.date >= from);
  const refundsOut = ledger.filter(isRefund).filter((entry) => entry.date >= from);
  const payments = await sources.reads.paymentsSince(from);
  const refunds = await sources.reads.refundsSince(from);
  const orders = await sources.reads.ordersSince(from);
  const upstream = await checkUpstream(sources, orders, now);
  const mismatches = [
    ...(await chargesWithoutPayment(sources.reads, charges)),
    ...paymentsWithoutCharge(payments, ledger),
    ...(await refundsNotRecorded(sources.reads, refundsOut)),
    ...refundsNotAtTelegram(refunds, ledger, from),
    ...unsettledOrders(orders, now),
    ...upstream.mismatches,
  ];
  return {
    from,
    to: now,
    telegram: { charges: charges.length, starsIn: sum(charges), refunds: refundsOut.length, starsOut: sum(refundsOut) },
    payments: { recorded: payments.length, byStatus: countBy(payments.map((p) => p.status)) },
    orders: countAll(ORDER_STATUSES, orders.map((o) => o.order.status)),
    upstream: upstream.counts,
    refunds: countAll(REFUND_STATUSES, refunds.map((r) => r.status)),
    mismatches,
  };
}

type Charge = Extract<StarLedgerEntry, { direction: "in" }> & { payment: { userId: number; invoicePayload: string } };
type RefundOut = Extract<StarLedgerEntry, { direction: "out" }> & { refundTo: number };

function isCharge(entry: StarLedgerEntry): entry is Charge {
  return entry.direction === "in" && entry.payment !== null;
}

function isRefund(entry: StarLedgerEntry): entry is RefundOut {
  return entry.direction === "out" && entry.refundTo !== null;
}

/** Every transaction, oldest first (Telegram has no date filter; a charge may be older than its payment's record by seconds). */
async function readWholeLedger(ledger: StarLedger): Promise<StarLedgerEntry[]> {
  const all: StarLedgerEntry[] = [];
  for (;;) {
    const page = await ledger.transactions(all.length, PAGE_SIZE);
    all.push(...page);
    if (page.length < PAGE_SIZE) return all;
  }
}

async function chargesWithoutPayment(reads: ReconcileReads, charges: Charge[]): Promise<Mismatch[]> {
  const known = new Set((await reads.paymentsByCharge(charges.map((c) => c.id))).map((p) => p.telegramChargeId));
  return charges
    .filter((charge) => !known.has(charge.id))
    .map((charge) => ({
      kind: "charge-without-payment" as const,
      chargeId: charge.id,
      detail: `${charge.amount} ⭐ by user ${charge.payment.userId} for "${charge.payment.invoicePayload}" at ${charge.date.toISOString()}`,
    }));
}

function paymentsWithoutCharge(payments: Payment[], ledger: StarLedgerEntry[]): Mismatch[] {
  const charged = new Set(ledger.filter(isCharge).map((entry) => entry.id));
  return payments
    .filter((payment) => payment.currency === "XTR" && !charged.has(payment.telegramChargeId))
    .map((payment) => ({
      kind: "payment-without-charge" as const,
      chargeId: payment.telegramChargeId,
      paymentId: payment.id,
      ...(payment.orderId ? { orderId: payment.orderId } : {}),
      detail: `${payment.amount} ⭐ recorded ${payment.status}, not in Telegram's Star ledger`,
    }));
}

async function refundsNotRecorded(reads: ReconcileReads, refundsOut: RefundOut[]): Promise<Mismatch[]> {
  const done = new Set((await reads.refundsByCharge(refundsOut.map((r) => r.id))).filter((r) => r.status === "done").map((r) => r.chargeId));
  return refundsOut
    .filter((refund) => !done.has(refund.id))
    .map((refund) => ({ kind: "refund-not-recorded" as const, chargeId: refund.id, detail: `${refund.amount} ⭐ refunded to user ${refund.refundTo} at Telegram` }));
}

function refundsNotAtTelegram(refunds: Refund[], ledger: StarLedgerEntry[], from: Date): Mismatch[] {
  const refundedAtTelegram = new Set(ledger.filter(isRefund).map((entry) => entry.id));
  return refunds
    .filter((refund) => refund.status === "done" && refund.currency === "XTR" && refund.doneAt !== null && refund.doneAt >= from)
    .filter((refund) => !refundedAtTelegram.has(refund.chargeId))
    .map((refund) => ({
      kind: "refund-not-at-telegram" as const,
      chargeId: refund.chargeId,
      paymentId: refund.paymentId,
      refundId: refund.id,
      ...(refund.orderId ? { orderId: refund.orderId } : {}),
      detail: `recorded done, but Telegram's Star ledger shows no refund of ${refund.amount} ⭐`,
    }));
}

/** Paid orders past their deadline that are neither delivered nor refunding or refunded (among them those waiting for the operator). */
function unsettledOrders(orders: OrderFacts[], now: Date): Mismatch[] {
  return orders
    .filter(({ order, deadlineAt }) => order.status === "needs_operator" || (order.status === "paid" && deadlineAt !== null && deadlineAt < now))
    .map(({ order, deadlineAt }) => ({
      kind: "order-unsettled" as const,
      orderId: order.id,
      detail: order.status === "needs_operator" ? "waiting for the operator" : `paid, past its deadline ${deadlineAt?.toISOString() ?? ""}, neither delivered nor refunded`,
    }));
}

/**
 * Looks every paid new-eSIM order up at the provider by our id (top-ups have
 * no lookup). An upstream order must belong to a delivered order (or one
 * still within its deadline); a delivered order must have one.
 */
async function checkUpstream(sources: ReconcileSources, orders: OrderFacts[], now: Date) {
  const limit = pLimit(sources.lookupConcurrency ?? 8);
  const paid = orders.filter(({ order }) => order.paidAt !== null && order.topUpEsimId === null);
  const lookups = await Promise.all(paid.map((facts) => limit(async () => ({ facts, lookup: await lookUpOrder(sources.provider, facts.order.id) }))));
  const counts = { checked: lookups.length, found: 0, absent: 0, unknown: 0 };
  const mismatches: Mismatch[] = [];
  for (const { facts, lookup } of lookups) {
    const { order, deadlineAt } = facts;
    counts[lookup.kind] += 1;
    const inProgress = order.status === "paid" && (deadlineAt === null || deadlineAt >= now);
    if (lookup.kind === "unknown") mismatches.push({ kind: "upstream-unknown", orderId: order.id, detail: lookup.reason });
    else if (lookup.kind === "found" && order.status !== "delivered" && !inProgress) {
      mismatches.push({ kind: "upstream-order-not-delivered", orderId: order.id, detail: `upstream order ${lookup.order.providerOrderId}, order ${order.status}` });
    } else if (lookup.kind === "absent" && order.status === "delivered") {
      mismatches.push({ kind: "delivered-without-upstream-order", orderId: order.id, detail: `delivered${facts.hasEsim ? "" : " without an eSIM"}, the provider has no order with our id` });
    }
  }
  return { counts, mismatches };
}

function sum(entries: Array<{ amount: number }>): number {
  return entries.reduce((total, entry) => total + entry.amount, 0);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function countAll<K extends string>(keys: readonly K[], values: K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}
