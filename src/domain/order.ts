/**
 * Orders, their payments and the eSIMs they deliver. An order buys a new
 * eSIM or, when `topUpEsimId` is set, tops one up; either way it is created
 * when the invoice is sent and then only moves forward ("delivered" means the
 * top-up was applied):
 *
 *   awaiting_payment → paid → delivered
 *                           ↘ refunded        (Stars, refunded automatically)
 *                           ↘ refund_pending  (card payment: the operator refunds)
 */

export type OrderStatus = "awaiting_payment" | "paid" | "delivered" | "refunded" | "refund_pending";

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

/** A Telegram payment recorded against an order. */
export interface Payment {
  id: string;
  telegramChargeId: string;
  providerChargeId: string | null;
  orderId: string;
  userId: number;
  currency: string;
  amount: number;
  /** captured | duplicate (a second payment for a paid order) | refunded | refund_pending */
  status: "captured" | "duplicate" | "refunded" | "refund_pending";
  createdAt: Date;
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
