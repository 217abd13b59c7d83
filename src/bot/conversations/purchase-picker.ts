/**
 * The plan picker: every plan of a destination in one keyboard, one button
 * each ("5 GB · 30 days · 450 ⭐"), by data amount and then validity, the
 * best value marked. One press opens the plan's summary with Pay. A
 * destination with more plans than fit comfortably goes the step-by-step
 * way (data, then validity), which the picker also offers.
 */
import { InlineKeyboard } from "grammy";
import { formatData } from "../../domain/data-amount.ts";
import type { DestinationRef } from "../../domain/destinations/index.ts";
import { formatPrice } from "../../domain/pricing.ts";
import { BUY } from "../callback-data.ts";
import { destinationFlag, destinationName } from "../destination-labels.ts";
import { escapeHtml } from "../html.ts";
import type { View } from "../view.ts";
import type { ViewLocale } from "../view-locale.ts";
import { decide } from "./purchase-decide.ts";
import { PICKER_MAX_PLANS, pickerPlans, popularDestinations, type PickerPlan, type PurchaseFlow, type Step } from "./purchase-flow.ts";

/** Shows the picker and waits for a plan, the step-by-step path, Back or Cancel. */
export async function plansStep(flow: PurchaseFlow, step: Extract<Step, { at: "plans" }>): Promise<Step> {
  const { destination } = step;
  const l = await flow.panel.locale();
  const plans = await pickerPlans(flow, destination);
  if (plans.length === 0) return { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-plan-gone") };
  if (plans.length > PICKER_MAX_PLANS) return { at: "data", destination, ...(step.notice ? { notice: step.notice } : {}) };
  const { currency } = flow.deps.catalog;
  // Everything the picker is built from is in its key: the plans are the catalog's of this replay.
  const key = `picker|${l.locale}|${currency}|${BUY.destination(destination)}|${step.notice ?? ""}|${JSON.stringify(plans)}`;
  await flow.panel.show(flow.deps.views.get(key, () => pickerView(l, destination, plans, currency, step.notice)));
  return decide(flow, step, await flow.panel.next(), (button) => {
    const chosen = button.kind === "plan" ? plans[button.index] : undefined;
    if (chosen) return { at: "summary", destination, dataMb: chosen.dataMb, planId: chosen.planId, back: "plans" };
    if (button.kind === "steps") return { at: "data", destination };
    if (button.kind === "back") return { at: "destination", mode: destination.kind === "country" ? "popular" : "regions" };
    return undefined;
  });
}

/** The picker: a heading, one plan per row (grouped by data amount as sorted), Step by step, Back and Cancel. */
export function pickerView(l: ViewLocale, destination: DestinationRef, plans: readonly PickerPlan[], currency: string, notice?: string): View {
  const keyboard = new InlineKeyboard();
  plans.forEach((plan, index) => keyboard.text(planLabel(l, plan, currency), BUY.plan(index)).row());
  keyboard.text(l.t("buy-steps-button"), BUY.steps).row();
  keyboard.text(l.t("buy-back"), BUY.back).text(l.t("buy-cancel"), BUY.cancel);
  const heading = { flag: destinationFlag(destination), destination: escapeHtml(destinationName(destination, l.locale, l.t)) };
  const text = l.t(plans.some((plan) => plan.best) ? "buy-plans-best" : "buy-plans", heading);
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard };
}

/** "5 GB · 30 days · 450 ⭐", with the best-value mark in front. */
function planLabel(l: ViewLocale, plan: PickerPlan, currency: string): string {
  const label = l.t("buy-plan-option", {
    data: formatData(plan.dataMb),
    days: plan.validityDays,
    price: formatPrice(plan.price, currency, l.locale),
  });
  return plan.best ? `${l.t("buy-best-mark")} ${label}` : label;
}
