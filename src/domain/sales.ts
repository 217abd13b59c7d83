/**
 * Sales figures over a period, from the orders alone (pure code; the
 * database counts and sums, see OperatorReads.salesFacts). Definitions, so a
 * hand count agrees:
 * - paid / delivered / refunded: orders whose paidAt / deliveredAt /
 *   refundedAt falls in the period (top-ups are orders too);
 * - revenue: per currency, the price of the orders paid in the period and
 *   not given back (refunding or refunded now);
 * - upstream cost: the cost of those orders that were delivered (only a
 *   delivered order was bought upstream);
 * - margin: revenue converted to USD at the configured rates, minus cost;
 * - top destinations: by orders paid in the period;
 * - delivery time: paid → delivered, for orders delivered in the period
 *   (median and 95th percentile, nearest rank).
 */
import { currencyExponent } from "./pricing.ts";

/** The periods the operator can choose. */
export const SALES_PERIODS = ["today", "7d", "30d"] as const;
/** One of SALES_PERIODS. */
export type SalesPeriod = (typeof SALES_PERIODS)[number];

/** Whether a string names a period. */
export function isSalesPeriod(value: string): value is SalesPeriod {
  return (SALES_PERIODS as readonly string[]).includes(value);
}

const DAY_MS = 24 * 60 * 60_000;

/** Where a period starts: today is since midnight UTC, the others are rolling days back from `now`. */
export function periodStart(period: SalesPeriod, now: Date): Date {
  if (period === "today") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(now.getTime() - (period === "7d" ? 7 : 30) * DAY_MS);
}

/** An amount in one currency (smallest unit: whole Stars for XTR). */
export interface Money {
  currency: string;
  amount: number;
}

/** The figures of one period. */
export interface SalesSummary {
  period: SalesPeriod;
  from: Date;
  to: Date;
  paid: number;
  delivered: number;
  refunded: number;
  /** Per currency, largest first. */
  revenue: Money[];
  /** Revenue in USD cents at the configured rates; null when a currency has no rate. */
  revenueUsdCents: number | null;
  costUsdCents: number;
  /** revenueUsdCents − costUsdCents; null when the revenue could not be converted. */
  marginUsdCents: number | null;
  /** Up to five, most orders first. */
  topDestinations: Array<{ destinationCode: string; orders: number }>;
  /** Paid → delivered, in milliseconds; null when nothing was delivered in the period. */
  deliveryMs: { median: number; p95: number; count: number } | null;
}

/** Units of a currency per USD, or null when the shop has no rate for it. */
export type UsdRate = (currency: string) => number | null;

/** What the database counts and sums for a period (see the module comment for each definition). */
export interface SalesFacts {
  paid: number;
  delivered: number;
  refunded: number;
  /** Kept revenue per currency. */
  revenue: Money[];
  /** Upstream cost of the orders paid in the period and delivered. */
  costUsdCents: number;
  /** Most orders first, then by code; at most five. */
  topDestinations: Array<{ destinationCode: string; orders: number }>;
  /** Paid → delivered of the orders delivered in the period: how many, and the values at the median's and the p95's ranks. */
  delivery: { count: number; median: number | null; p95: number | null };
}

/** The figures of a period from its facts. */
export function summarizeSales(facts: SalesFacts, period: SalesPeriod, from: Date, to: Date, rate: UsdRate): SalesSummary {
  const revenue = [...facts.revenue].sort((a, b) => b.amount - a.amount);
  const revenueUsdCents = toUsdCents(revenue, rate);
  const { count, median, p95 } = facts.delivery;
  return {
    period,
    from,
    to,
    paid: facts.paid,
    delivered: facts.delivered,
    refunded: facts.refunded,
    revenue,
    revenueUsdCents,
    costUsdCents: facts.costUsdCents,
    marginUsdCents: revenueUsdCents === null ? null : revenueUsdCents - facts.costUsdCents,
    topDestinations: facts.topDestinations.slice(0, 5),
    deliveryMs: count > 0 && median !== null && p95 !== null ? { median, p95, count } : null,
  };
}

/** The 1-based rank of percentile `p` (0–100) among `count` ascending values, nearest-rank method. */
export function percentileRank(count: number, p: number): number {
  return Math.min(count, Math.max(1, Math.ceil((p / 100) * count)));
}

function toUsdCents(revenue: Money[], rate: UsdRate): number | null {
  let cents = 0;
  for (const { currency, amount } of revenue) {
    const perUsd = rate(currency);
    if (perUsd === null) return null;
    cents += (amount / 10 ** currencyExponent(currency) / perUsd) * 100;
  }
  return Math.round(cents);
}
