/**
 * Sales figures over a period, from the orders alone (pure code; the
 * operator service reads the rows). Definitions, so a hand count agrees:
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
import type { OrderStatus } from "./order.ts";
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

/** The fields of an order the figures need. */
export interface SalesOrderRow {
  destinationCode: string;
  status: OrderStatus;
  currency: string;
  amount: number;
  costUsdCents: number;
  paidAt: Date | null;
  deliveredAt: Date | null;
  refundedAt: Date | null;
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

/** The figures of `rows` (any orders; those outside the period are ignored). */
export function summarizeSales(rows: SalesOrderRow[], period: SalesPeriod, from: Date, to: Date, rate: UsdRate): SalesSummary {
  const within = (at: Date | null): at is Date => at !== null && at >= from && at <= to;
  const paid = rows.filter((row) => within(row.paidAt));
  const kept = paid.filter((row) => row.status !== "refunded" && row.status !== "refunding");
  const delivered = rows.filter((row) => within(row.deliveredAt));
  const revenue = sumByCurrency(kept);
  const revenueUsdCents = toUsdCents(revenue, rate);
  const costUsdCents = kept.filter((row) => row.status === "delivered").reduce((sum, row) => sum + row.costUsdCents, 0);
  return {
    period,
    from,
    to,
    paid: paid.length,
    delivered: delivered.length,
    refunded: rows.filter((row) => within(row.refundedAt)).length,
    revenue,
    revenueUsdCents,
    costUsdCents,
    marginUsdCents: revenueUsdCents === null ? null : revenueUsdCents - costUsdCents,
    topDestinations: topDestinations(paid),
    deliveryMs: deliveryTimes(delivered),
  };
}

/** The value at percentile `p` (0–100) of ascending `sorted` values, nearest rank; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

function sumByCurrency(rows: SalesOrderRow[]): Money[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.amount);
  return [...totals].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => b.amount - a.amount);
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

function topDestinations(paid: SalesOrderRow[]): SalesSummary["topDestinations"] {
  const counts = new Map<string, number>();
  for (const row of paid) counts.set(row.destinationCode, (counts.get(row.destinationCode) ?? 0) + 1);
  return [...counts]
    .map(([destinationCode, orders]) => ({ destinationCode, orders }))
    .sort((a, b) => b.orders - a.orders || a.destinationCode.localeCompare(b.destinationCode))
    .slice(0, 5);
}

function deliveryTimes(delivered: SalesOrderRow[]): SalesSummary["deliveryMs"] {
  const times = delivered
    .filter((row) => row.paidAt !== null)
    .map((row) => row.deliveredAt!.getTime() - row.paidAt!.getTime())
    .sort((a, b) => a - b);
  if (times.length === 0) return null;
  return { median: percentile(times, 50)!, p95: percentile(times, 95)!, count: times.length };
}
