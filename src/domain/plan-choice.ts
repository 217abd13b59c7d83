/**
 * Choosing among a destination's plans: the order the plan picker shows them
 * in, the best value among them, and the plan nearest to what a traveller
 * asked for in one line ("Japan 5GB 7 days").
 */
import { MB_PER_GB } from "./data-amount.ts";

/** What the choice looks at in a plan. */
export interface PlanOffer {
  dataMb: number;
  validityDays: number;
  /** In the payment currency's smallest unit. */
  price: number;
}

/** What the traveller asked for; either may be missing. */
export interface PlanWish {
  dataMb?: number;
  days?: number;
}

/** The picker's order: by data amount, then validity, then price. */
export function pickerOrder<T extends PlanOffer>(plans: readonly T[]): T[] {
  return [...plans].sort((a, b) => a.dataMb - b.dataMb || a.validityDays - b.validityDays || a.price - b.price);
}

/**
 * The best value: the lowest price per GB among plans of at least 1 GB (a
 * tie goes to the smaller plan, the cheaper of the two). None when there is
 * no choice to make (fewer than two plans) or no plan of 1 GB or more.
 */
export function bestValue<T extends PlanOffer>(plans: readonly T[]): T | undefined {
  if (plans.length < 2) return undefined;
  const perGb = (plan: PlanOffer) => plan.price / (plan.dataMb / MB_PER_GB);
  return pickerOrder(plans.filter((plan) => plan.dataMb >= MB_PER_GB)).reduce<T | undefined>(
    (best, plan) => (best === undefined || perGb(plan) < perGb(best) ? plan : best),
    undefined,
  );
}

/**
 * The plan nearest to a wish, and whether it is exactly what was asked.
 *
 * "Nearest" puts the trip first: data that runs out is bad, validity that
 * ends before the trip does is worse.
 *  1. Plans with at least the data and at least the days asked: the least
 *     data, then the shortest validity, then the cheapest. An exact match
 *     is the first of these; else the same data for a little longer, else
 *     the next bigger data amount.
 *  2. Else plans that last the trip: the most data (closest below what was
 *     asked), then the shortest validity, then the cheapest.
 *  3. Else (nothing lasts that long) the longest validity, with the data
 *     closest to what was asked (at least it first), then the cheapest.
 * What was not asked for counts as anything: "Japan 5GB" takes the shortest
 * 5 GB plan, "Japan for a week" the smallest plan of 7 days or more.
 */
export function nearestPlan<T extends PlanOffer>(plans: readonly T[], wish: PlanWish): { plan: T; exact: boolean } | undefined {
  const dataMb = wish.dataMb ?? 0;
  const days = wish.days ?? 0;
  const lasts = plans.filter((plan) => plan.validityDays >= days);
  const covering = lasts.filter((plan) => plan.dataMb >= dataMb);
  const plan =
    pickerOrder(covering)[0] ??
    [...lasts].sort((a, b) => b.dataMb - a.dataMb || a.validityDays - b.validityDays || a.price - b.price)[0] ??
    [...plans].sort((a, b) => b.validityDays - a.validityDays || dataDistance(a, dataMb) - dataDistance(b, dataMb) || a.price - b.price)[0];
  if (!plan) return undefined;
  const exact = (wish.dataMb === undefined || plan.dataMb === wish.dataMb) && (wish.days === undefined || plan.validityDays === wish.days);
  return { plan, exact };
}

/** How far a plan's data is from what was asked; amounts below count as further than any amount above. */
function dataDistance(plan: PlanOffer, dataMb: number): number {
  return plan.dataMb >= dataMb ? plan.dataMb - dataMb : Number.MAX_SAFE_INTEGER / 2 + (dataMb - plan.dataMb);
}
