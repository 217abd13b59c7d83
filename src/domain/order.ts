/**
 * Orders, their payments and the eSIMs they deliver. An order buys a new
 * eSIM or, when `topUpEsimId` is set, tops one up ("delivered" then means
 * the top-up was applied). It is created when the invoice is sent and moves
 * only along these arrows:
 *
 *   awaiting_payment ──→ paid ──→ delivered
 *        │     ↑          ├──→ refunding ──→ refunded
 *        ↓     │          │        └──→ needs_operator
 *        expired          ├──→ needs_operator ──→ refunded
 *                         └──→ refunded
 *
 * - expired: unpaid for a day, or the oldest of too many open invoices; a
 *   payment that passed pre-checkout just before still makes it paid.
 * - refunding: a Stars refund is decided and recorded; refundStarPayment
 *   follows (refunded), or Telegram refuses it (needs_operator).
 * - needs_operator: a card payment to refund by hand, or an upstream outcome
 *   still unknown after the reconcile window; a refund seen later in
 *   Telegram's ledger makes it refunded.
 * - paid → refunded: a refund seen in Telegram's ledger that we had not recorded.
 *
 * Only a `paid` order may be ordered upstream: once a refund is decided (or
 * the operator has it) nothing orders for it again.
 */

/** Every order status. */
export const ORDER_STATUSES = ["awaiting_payment", "expired", "paid", "delivered", "refunding", "refunded", "needs_operator"] as const;
/** One of ORDER_STATUSES. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The allowed moves: status → the statuses it may become. */
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  awaiting_payment: ["paid", "expired"],
  expired: ["paid"],
  paid: ["delivered", "refunding", "needs_operator", "refunded"],
  refunding: ["refunded", "needs_operator"],
  needs_operator: ["refunded"],
  delivered: [],
  refunded: [],
};

/** True when an order in `from` may become `to`. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * The statuses an order may be in to become `to`: the `where status in (…)`
 * of a conditional update, so an illegal move changes no row.
 */
export function statusesBefore(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => canMove(from, to));
}

/** Only a paid order may be ordered (or topped up) upstream: not before payment, not once a refund is decided. */
export function mayOrderUpstream(status: OrderStatus): boolean {
  return status === "paid";
}

/** Invoices older than this are refused at pre-checkout (prices may have moved) and their orders expire. */
export const INVOICE_LIFETIME_MS = 24 * 60 * 60_000;

/** Open (unpaid) orders a user may have; a new invoice beyond this expires the oldest. */
export const MAX_OPEN_ORDERS_PER_USER = 5;

/** A purchase, priced when its invoice was sent. */
export interface Order {
  id: string;
  userId: number;
  chatId: number;
  planId: string;
  planName: string;
  destinationCode: string;
  dataMb: number;
  validityDays: number;
  costUsdCents: number;
  currency: string;
  /** In the currency's smallest unit (whole Stars for XTR). */
  amount: number;
  status: OrderStatus;
  /** The language the buyer used, for messages sent outside a chat update. */
  languageCode: string;
  createdAt: Date;
  paidAt: Date | null;
  deliveredAt: Date | null;
  refundedAt: Date | null;
  /** The eSIM a top-up adds to; null for a new eSIM. */
  topUpEsimId: string | null;
}

/**
 * What a recorded payment is:
 * - captured: the payment of its order (the one fulfilment delivers or refunds);
 * - duplicate: a second payment of an order that was already paid;
 * - mismatch: its currency, amount or payer differ from the order it names;
 * - stray: its payload names no order of ours;
 * - refunded / needs_operator: given back, or waiting for the operator to give it back.
 */
export const PAYMENT_STATUSES = ["captured", "duplicate", "mismatch", "stray", "refunded", "needs_operator"] as const;
/** One of PAYMENT_STATUSES. */
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A Telegram payment, recorded before anything else happens. */
export interface Payment {
  id: string;
  telegramChargeId: string;
  providerChargeId: string | null;
  /** The order it names; null for a stray payment. */
  orderId: string | null;
  userId: number;
  currency: string;
  amount: number;
  status: PaymentStatus;
  createdAt: Date;
}

/** What a successful_payment says, to hold against the order it names. */
export interface PaidAs {
  userId: number;
  currency: string;
  amount: number;
}

/**
 * The second check of a successful payment: why it does not match its
 * order (currency, total amount, payer), or null when it does.
 */
export function paymentMismatch(order: Pick<Order, "userId" | "currency" | "amount">, paid: PaidAs): string | null {
  if (paid.currency !== order.currency) return `currency ${paid.currency} instead of ${order.currency}`;
  if (paid.amount !== order.amount) return `amount ${paid.amount} instead of ${order.amount}`;
  if (paid.userId !== order.userId) return `paid by user ${paid.userId}, ordered by user ${order.userId}`;
  return null;
}

/** Lifecycle of an eSIM at the provider (the seed's Issued → Active → Topped Up → Expired). */
export const ESIM_STATUSES = ["issued", "active", "topped_up", "expired"] as const;
/** One of ESIM_STATUSES. */
export type EsimStatus = (typeof ESIM_STATUSES)[number];

/** An eSIM as the shop stores it. */
export interface Esim {
  id: string;
  orderId: string;
  userId: number;
  iccid: string;
  providerOrderId: string;
  smdpAddress: string;
  matchingId: string;
  status: EsimStatus;
  destinationCode: string;
  planName: string;
  dataMb: number;
  usedMb: number;
  validityDays: number;
  activatedAt: Date | null;
  expiresAt: Date | null;
  /** When the provider was last asked about it (poll, webhook, refresh or top-up). */
  lastPolledAt: Date | null;
  createdAt: Date;
}

/** Data left, never negative. */
export function dataLeftMb(esim: Pick<Esim, "dataMb" | "usedMb">): number {
  return Math.max(esim.dataMb - esim.usedMb, 0);
}

/** Stars are refunded by the bot itself; card payments need the operator. */
export function refundsAutomatically(currency: string): boolean {
  return currency === "XTR";
}
