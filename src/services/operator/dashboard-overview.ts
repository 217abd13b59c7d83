/**
 * The overview's figures for a period (7, 30 or 90 days up to today, UTC):
 * revenue and margin per day, orders per day by outcome, the top
 * destinations and a histogram of payment→delivery times. Revenue counts
 * delivered orders in the shop's currency; margin is that revenue in USD
 * (at the configured rate) minus the upstream cost.
 */
import { DELIVERY_BUCKETS_S, type DashboardOverviewReads, type DayGroup } from "../../db/dashboard-overview-reads.ts";
import { currencyExponent } from "../../domain/pricing.ts";

/** The periods the picker offers. */
export const OVERVIEW_PERIODS = [7, 30, 90] as const;
export type OverviewPeriod = (typeof OVERVIEW_PERIODS)[number];

/** How an order counts in "orders per day by outcome". */
export type Outcome = "delivered" | "refunded" | "attention";

/** Everything the overview draws. */
export interface Overview {
  days: OverviewPeriod;
  currency: string;
  /** YYYY-MM-DD, oldest first. */
  labels: string[];
  /** Per label, in the currency's main unit (Stars, dollars…). */
  revenue: number[];
  /** Per label, in US dollars. */
  marginUsd: number[];
  outcomes: Record<Outcome, number[]>;
  topDestinations: Array<{ code: string; orders: number }>;
  /** Upper bounds in seconds (null: the open last bucket) and counts. */
  deliveryTimes: Array<{ upToSeconds: number | null; orders: number }>;
  totals: { revenue: number; marginUsd: number; delivered: number; refunded: number; attention: number };
}

const OUTCOME_OF: Readonly<Record<string, Outcome>> = {
  delivered: "delivered",
  refunded: "refunded",
  refunding: "refunded",
  needs_operator: "attention",
  paid: "attention",
};

/** Builds the overview from the database's aggregates. */
export async function buildOverview(reads: DashboardOverviewReads, input: { days: OverviewPeriod; now: Date; currency: string; perUsd: number }): Promise<Overview> {
  const to = new Date(Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), input.now.getUTCDate() + 1));
  const from = new Date(to.getTime() - input.days * 86_400_000);
  const [groups, topDestinations, buckets] = await Promise.all([reads.paidByDay(from, to), reads.topDestinations(from, to, 10), reads.deliveryTimes(from, to)]);
  const labels = Array.from({ length: input.days }, (_, i) => new Date(from.getTime() + i * 86_400_000).toISOString().slice(0, 10));
  const index = new Map(labels.map((label, i) => [label, i]));
  const zeros = () => labels.map(() => 0);
  const overview: Overview = {
    days: input.days,
    currency: input.currency,
    labels,
    revenue: zeros(),
    marginUsd: zeros(),
    outcomes: { delivered: zeros(), refunded: zeros(), attention: zeros() },
    topDestinations,
    deliveryTimes: buckets.map((orders, i) => ({ upToSeconds: DELIVERY_BUCKETS_S[i] ?? null, orders })),
    totals: { revenue: 0, marginUsd: 0, delivered: 0, refunded: 0, attention: 0 },
  };
  for (const group of groups) addGroup(overview, group, index.get(group.day), input);
  overview.revenue = overview.revenue.map(round2);
  overview.marginUsd = overview.marginUsd.map(round2);
  overview.totals.revenue = round2(overview.totals.revenue);
  overview.totals.marginUsd = round2(overview.totals.marginUsd);
  return overview;
}

function addGroup(overview: Overview, group: DayGroup, day: number | undefined, input: { currency: string; perUsd: number }): void {
  const outcome = OUTCOME_OF[group.status];
  if (day === undefined || outcome === undefined) return;
  overview.outcomes[outcome][day]! += group.orders;
  overview.totals[outcome] += group.orders;
  if (group.status !== "delivered" || group.currency !== input.currency) return;
  const revenue = group.amount / 10 ** currencyExponent(group.currency);
  const margin = revenue / input.perUsd - group.costUsdCents / 100;
  overview.revenue[day]! += revenue;
  overview.marginUsd[day]! += margin;
  overview.totals.revenue += revenue;
  overview.totals.marginUsd += margin;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
