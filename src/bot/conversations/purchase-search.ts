/**
 * Typed text, at any step of the purchase (and right after /start), starts a
 * new destination search. A one-line request ("Japan 5GB 7 days") goes
 * straight to the nearest plan's summary; amounts without a destination
 * ("5GB 7 days") apply to the destination the traveller is looking at.
 */
import { formatData } from "../../domain/data-amount.ts";
import { countryName, type DestinationRef } from "../../domain/destinations/index.ts";
import { cutGraphemes } from "../../domain/grapheme-cut.ts";
import { nearestPlan, type PlanWish } from "../../domain/plan-choice.ts";
import { asksForAmounts, parsePlanRequest } from "../../domain/plan-request.ts";
import { escapeHtml } from "../html.ts";
import type { ViewLocale } from "../view-locale.ts";
import { pickerPlans, popularDestinations, type PurchaseFlow, type Step } from "./purchase-flow.ts";

/** Search input is cut to this; the query echoed back in a notice, shorter still. */
const MAX_QUERY_CHARS = 100;
const MAX_ECHO_CHARS = 40;

/**
 * The step a typed text leads to: the destination's plan picker, the
 * nearest plan to a one-line request, or choices with a notice saying why.
 * `current` is the destination of the step the traveller typed at.
 */
export async function searchStep(flow: PurchaseFlow, text: string, current?: DestinationRef): Promise<Step> {
  const { conversation, deps } = flow;
  const l = await flow.panel.locale();
  const input = cutGraphemes(text, MAX_QUERY_CHARS);
  const request = parsePlanRequest(input);
  const wish: PlanWish | undefined = asksForAmounts(request) ? { dataMb: request.dataMb, days: request.days } : undefined;
  if (wish && request.destination === "") {
    if (current) return wishStep(flow, current, wish);
    return { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-wish-where", { wish: wishText(l, wish) }), wish };
  }
  const query = wish ? request.destination : input;
  const match = await conversation.external(() => deps.searchDestinations(query, l.locale));
  const echo = escapeHtml(cutGraphemes(query.trim(), MAX_ECHO_CHARS, "…"));
  const withWish = wish ? { wish } : {};
  switch (match.kind) {
    case "found":
      return wish ? wishStep(flow, match.destination, wish) : { at: "plans", destination: match.destination };
    case "ambiguous":
      return { at: "choices", destinations: match.options, notice: l.t("buy-search-ambiguous"), ...withWish };
    case "not-sold": {
      const covering = await conversation.external(() => deps.catalog.destinationsCovering(match.countryCode));
      const country = countryName(match.countryCode, l.locale);
      return covering.length
        ? { at: "choices", destinations: covering, notice: l.t("buy-search-not-sold-covering", { country }), ...withWish }
        : { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-search-not-sold", { country }), ...withWish };
    }
    case "none":
      return match.suggestions.length
        ? { at: "choices", destinations: match.suggestions, notice: l.t("buy-search-suggestions", { query: echo }), ...withWish }
        : { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-search-none", { query: echo }), ...withWish };
  }
}

/** The summary of the plan nearest to a one-line request, saying so when it is not exactly what was asked. */
export async function wishStep(flow: PurchaseFlow, destination: DestinationRef, wish: PlanWish): Promise<Step> {
  const l = await flow.panel.locale();
  const nearest = nearestPlan(await pickerPlans(flow, destination), wish);
  if (!nearest) return { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-plan-gone") };
  const { plan, exact } = nearest;
  const notice = exact ? undefined : l.t("buy-nearest", { wish: wishText(l, wish) });
  return { at: "summary", destination, dataMb: plan.dataMb, planId: plan.planId, back: "plans", ...(notice ? { notice } : {}) };
}

/** "5 GB · 7 days", "5 GB", "7 days": what a one-line request asked for. */
function wishText(l: ViewLocale, wish: PlanWish): string {
  const parts = [];
  if (wish.dataMb !== undefined) parts.push(formatData(wish.dataMb));
  if (wish.days !== undefined) parts.push(l.t("buy-days", { days: wish.days }));
  return parts.join(" · ");
}
