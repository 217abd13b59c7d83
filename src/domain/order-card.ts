/**
 * An order as the operator sees it: the facts the database holds about it
 * (traveller, payments, refunds, fulfilment job, eSIM, top-ups, messages
 * sent, operator actions), its timeline, which actions it allows now, and a
 * version that changes with every operator action on it. Pure code: the
 * Telegram card and the web dashboard render the same thing.
 */
import type { AuditEntry } from "./audit.ts";
import type { Esim, Order, Payment } from "./order.ts";
import type { Refund } from "./refund.ts";

/** The traveller who placed the order. */
export interface Traveller {
  id: number;
  firstName: string;
  /** Lower case, without @; null when unknown. */
  username: string | null;
  languageCode: string | null;
  blocked: boolean;
  optedOutOfNews: boolean;
}

/** The order's fulfilment job, as far as the operator cares. */
export interface JobFacts {
  status: "pending" | "done" | "failed";
  attempts: number;
  runAt: Date;
  deadlineAt: Date;
  lastError: string | null;
  /** When an upstream request whose outcome is unknown was first sent. */
  outcomeUnknownSince: Date | null;
  /** A worker holds the job right now (fulfilment is running). */
  running: boolean;
}

/** A top-up of the order's eSIM. */
export interface TopUpFacts {
  orderId: string;
  status: Order["status"];
  dataMb: number;
  validityDays: number;
  paidAt: Date | null;
  deliveredAt: Date | null;
}

/** A message the shop sent (or tried to) about the order's eSIM. */
export interface NotificationFacts {
  kind: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

/** Everything stored about one order. */
export interface OrderFacts {
  order: Order;
  /** When an operator last marked its problem resolved. */
  resolvedAt: Date | null;
  traveller: Traveller | null;
  /** Every payment naming the order (its own, and duplicates or mismatches), oldest first. */
  payments: Payment[];
  /** The refunds of those payments, oldest first. */
  refunds: Refund[];
  job: JobFacts | null;
  /** The eSIM it bought, or for a top-up the eSIM it tops up. */
  esim: Esim | null;
  /** Top-ups of the eSIM it bought, oldest first. */
  topUps: TopUpFacts[];
  notifications: NotificationFacts[];
  /** Operator actions on the order, oldest first. */
  audit: AuditEntry[];
}

/** One line of the timeline. */
export type TimelineEvent =
  | { at: Date; kind: "created" }
  | { at: Date; kind: "payment"; status: Payment["status"]; chargeId: string; amount: number; currency: string }
  | { at: Date; kind: "paid" }
  | { at: Date; kind: "upstream-requested" }
  | { at: Date; kind: "ordered-upstream"; providerOrderId: string }
  | { at: Date; kind: "delivered" }
  | { at: Date; kind: "notification"; notice: string; status: string }
  | { at: Date; kind: "top-up"; orderId: string; status: Order["status"] }
  | { at: Date; kind: "refund-decided"; status: Refund["status"]; reason: string }
  | { at: Date; kind: "refunded" }
  | { at: Date; kind: "operator"; action: string; operatorId: number; result: AuditEntry["result"]; note: string | null };

/** The operator actions on an order. */
export const ORDER_ACTIONS = ["retry", "resend", "refund", "resolve"] as const;
/** One of ORDER_ACTIONS. */
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** How a refund would be made: Stars by refundStarPayment, card payments marked refunded outside the shop. */
export type RefundKind = "stars" | "card";

/** What the order allows now. */
export interface AvailableActions {
  retry: boolean;
  resend: boolean;
  /** Null when it cannot be refunded (not paid, delivered, refund under way, or fulfilment running right now). */
  refund: RefundKind | null;
  resolve: boolean;
}

/** The order card: the facts, the timeline, the actions and the version a confirmation carries. */
export interface OrderCard extends OrderFacts {
  timeline: TimelineEvent[];
  actions: AvailableActions;
  /**
   * Operator actions recorded on the order so far. An action names the
   * version it was confirmed on, and only the first action on a version
   * happens: a double tap, a second operator on the same card, or a replay
   * is refused in the database.
   */
  version: number;
}

/** Builds the card from the facts. */
export function orderCard(facts: OrderFacts): OrderCard {
  return { ...facts, timeline: timeline(facts), actions: availableActions(facts), version: cardVersion(facts.audit) };
}

/** The version of an order's card: its recorded once-only actions. */
export function cardVersion(audit: readonly AuditEntry[]): number {
  return audit.filter((entry) => entry.actionKey !== undefined).length;
}

/** What the order allows now. */
export function availableActions(facts: OrderFacts): AvailableActions {
  const { order, job, esim } = facts;
  return {
    retry: order.status === "paid" && job?.status === "pending" && !job.running,
    resend: order.status === "delivered" && esim !== null && order.topUpEsimId === null,
    refund: refundKind(facts),
    resolve: order.status !== "awaiting_payment" && order.status !== "expired",
  };
}

function refundKind({ order, job, refunds, payments }: OrderFacts): RefundKind | null {
  const kind: RefundKind = order.currency === "XTR" ? "stars" : "card";
  if (order.status === "paid") return job?.running ? null : kind;
  if (order.status !== "needs_operator") return null;
  const own = payments.find((payment) => payment.status === "captured" || payment.status === "needs_operator");
  const refund = own ? refunds.find((candidate) => candidate.paymentId === own.id) : undefined;
  // A Stars refund being carried out now (pending) needs nothing; a failed one may be tried again.
  return refund?.status === "pending" || refund?.status === "done" ? null : kind;
}

/** The order's history, oldest first. */
export function timeline(facts: OrderFacts): TimelineEvent[] {
  const { order, job, esim } = facts;
  const events: TimelineEvent[] = [{ at: order.createdAt, kind: "created" }];
  for (const payment of facts.payments) {
    const { status, telegramChargeId: chargeId, amount, currency } = payment;
    events.push({ at: payment.createdAt, kind: "payment", status, chargeId, amount, currency });
  }
  if (order.paidAt) events.push({ at: order.paidAt, kind: "paid" });
  if (job?.outcomeUnknownSince) events.push({ at: job.outcomeUnknownSince, kind: "upstream-requested" });
  if (esim && order.topUpEsimId === null) events.push({ at: esim.createdAt, kind: "ordered-upstream", providerOrderId: esim.providerOrderId });
  if (order.deliveredAt) events.push({ at: order.deliveredAt, kind: "delivered" });
  for (const notice of facts.notifications) {
    events.push({ at: notice.sentAt ?? notice.createdAt, kind: "notification", notice: notice.kind, status: notice.status });
  }
  for (const topUp of facts.topUps) {
    events.push({ at: topUp.deliveredAt ?? topUp.paidAt ?? order.createdAt, kind: "top-up", orderId: topUp.orderId, status: topUp.status });
  }
  for (const refund of facts.refunds) events.push({ at: refund.createdAt, kind: "refund-decided", status: refund.status, reason: refund.reason });
  if (order.refundedAt) events.push({ at: order.refundedAt, kind: "refunded" });
  for (const entry of facts.audit) events.push(operatorEvent(entry));
  // Stable: events at the same moment keep the order above (created before paid before delivered).
  return events.map((event, index) => ({ event, index })).sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.index - b.index).map((x) => x.event);
}

function operatorEvent(entry: AuditEntry): TimelineEvent {
  const note = typeof entry.details.note === "string" ? entry.details.note : null;
  return { at: entry.at, kind: "operator", action: entry.action, operatorId: entry.operatorId, result: entry.result, note };
}
