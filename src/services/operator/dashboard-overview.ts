/**
 * The overview's figures for a period (7, 30 or 90 days up to today, UTC):
 * revenue and margin per day, orders per day by outcome, the top
 * destinations and a histogram of payment→delivery times. Revenue counts
 * delivered orders in the shop's currency; margin is that revenue in USD
 * (at the configured rate) minus the upstream cost.
 *
 * Figures are kept per day (OverviewDays). Each request asks the database
 * which paid orders were written since the last look (the updatedAt index:
 * every change of an order goes through Prisma, which stamps it) and
 * recomputes only the days from the earliest such order's payment day on
 * — usually today alone — instead of aggregating 90 days of orders each time.
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

const DAY_MS = 86_400_000;

/**
 * Writes stamped up to this long before the last look are looked at again:
 * another instance's clock may be behind, or its transaction may commit late.
 */
const CHANGE_MARGIN_MS = 60_000;

/** One day's aggregates. */
interface DayFigures {
  groups: DayGroup[];
  destinations: Map<string, number>;
  buckets: number[];
}

/** The per-day figures of one process, and when the database was last asked what changed. */
export class OverviewDays {
  readonly days = new Map<string, DayFigures>();
  lookedAt: Date | undefined;
}

/** Builds the overview, recomputing only the days that are missing or changed. */
export async function buildOverview(
  reads: DashboardOverviewReads,
  cache: OverviewDays,
  input: { days: OverviewPeriod; now: Date; currency: string; perUsd: number },
): Promise<Overview> {
  const to = new Date(Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), input.now.getUTCDate() + 1));
  const from = new Date(to.getTime() - input.days * DAY_MS);
  const labels = Array.from({ length: input.days }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  await refresh(reads, cache, labels, from, to, input.now);
  return assemble(labels.map((label) => cache.days.get(label)!), labels, input);
}

async function refresh(reads: DashboardOverviewReads, cache: OverviewDays, labels: string[], from: Date, to: Date, now: Date): Promise<void> {
  const missing = labels.findIndex((label) => !cache.days.has(label));
  let start = missing === -1 ? to : new Date(from.getTime() + missing * DAY_MS);
  if (cache.lookedAt) {
    const changed = await reads.earliestPaidChangedSince(new Date(cache.lookedAt.getTime() - CHANGE_MARGIN_MS));
    if (changed && changed < start) start = new Date(Math.max(from.getTime(), Date.UTC(changed.getUTCFullYear(), changed.getUTCMonth(), changed.getUTCDate())));
  }
  if (start < to) await computeDays(reads, cache, start, to);
  if (!cache.lookedAt || now > cache.lookedAt) cache.lookedAt = now;
  // Days older than the longest period are never shown again.
  const oldest = new Date(to.getTime() - (Math.max(...OVERVIEW_PERIODS) + 1) * DAY_MS).toISOString().slice(0, 10);
  for (const label of cache.days.keys()) if (label < oldest) cache.days.delete(label);
}

/** Aggregates the days of [start, to) (whole UTC days) into the cache. */
async function computeDays(reads: DashboardOverviewReads, cache: OverviewDays, start: Date, to: Date): Promise<void> {
  const [groups, destinations, times] = await Promise.all([reads.paidByDay(start, to), reads.destinationsByDay(start, to), reads.deliveryTimesByDay(start, to)]);
  const fresh = new Map<string, DayFigures>();
  for (let at = start.getTime(); at < to.getTime(); at += DAY_MS) {
    fresh.set(new Date(at).toISOString().slice(0, 10), { groups: [], destinations: new Map(), buckets: new Array<number>(DELIVERY_BUCKETS_S.length + 1).fill(0) });
  }
  for (const group of groups) fresh.get(group.day)?.groups.push(group);
  for (const row of destinations) fresh.get(row.day)?.destinations.set(row.code, row.orders);
  for (const row of times) {
    const day = fresh.get(row.day);
    if (day) day.buckets[row.bucket] = row.orders;
  }
  for (const [label, figures] of fresh) cache.days.set(label, figures);
}

/** Days aggregated per step of the warm-up. */
const WARM_UP_STEP_DAYS = 5;

/**
 * Computes the longest period's days ahead of the first overview (at
 * start-up), newest first, a few days per step with a turn of the event loop
 * between steps: on SQLite a query runs on the main thread, and 90 days in one
 * go would hold up every other request (and /healthz) for its whole length.
 * The look is stamped first, with the warm-up's start: whatever changes while
 * it runs (or after it failed half-way) is found by the next overview. Once
 * `hurry()` says an operator is waiting, the days left are computed in one go.
 */
export async function warmOverviewDays(reads: DashboardOverviewReads, cache: OverviewDays, now: Date, hurry: () => boolean): Promise<void> {
  if (!cache.lookedAt || now > cache.lookedAt) cache.lookedAt = now;
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const from = to.getTime() - Math.max(...OVERVIEW_PERIODS) * DAY_MS;
  for (let end = to.getTime(); end > from; end -= WARM_UP_STEP_DAYS * DAY_MS) {
    const start = hurry() ? from : Math.max(from, end - WARM_UP_STEP_DAYS * DAY_MS);
    await computeDays(reads, cache, new Date(start), new Date(end));
    if (start === from) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function assemble(days: DayFigures[], labels: string[], input: { days: OverviewPeriod; currency: string; perUsd: number }): Overview {
  const zeros = () => labels.map(() => 0);
  const overview: Overview = {
    days: input.days,
    currency: input.currency,
    labels,
    revenue: zeros(),
    marginUsd: zeros(),
    outcomes: { delivered: zeros(), refunded: zeros(), attention: zeros() },
    topDestinations: [],
    deliveryTimes: [],
    totals: { revenue: 0, marginUsd: 0, delivered: 0, refunded: 0, attention: 0 },
  };
  const destinations = new Map<string, number>();
  const buckets = new Array<number>(DELIVERY_BUCKETS_S.length + 1).fill(0);
  days.forEach((day, index) => {
    for (const group of day.groups) addGroup(overview, group, index, input);
    for (const [code, orders] of day.destinations) destinations.set(code, (destinations.get(code) ?? 0) + orders);
    day.buckets.forEach((orders, bucket) => (buckets[bucket]! += orders));
  });
  overview.topDestinations = [...destinations]
    .map(([code, orders]) => ({ code, orders }))
    .sort((a, b) => b.orders - a.orders || a.code.localeCompare(b.code))
    .slice(0, 10);
  overview.deliveryTimes = buckets.map((orders, i) => ({ upToSeconds: DELIVERY_BUCKETS_S[i] ?? null, orders }));
  overview.revenue = overview.revenue.map(round2);
  overview.marginUsd = overview.marginUsd.map(round2);
  overview.totals.revenue = round2(overview.totals.revenue);
  overview.totals.marginUsd = round2(overview.totals.marginUsd);
  return overview;
}

function addGroup(overview: Overview, group: DayGroup, day: number, input: { currency: string; perUsd: number }): void {
  const outcome = OUTCOME_OF[group.status];
  if (outcome === undefined) return;
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
