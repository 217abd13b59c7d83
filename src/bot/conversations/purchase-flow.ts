/**
 * What every step of the purchase conversation works with: its
 * dependencies, the steps themselves as plain data, and the catalog and
 * order calls the steps share. The steps run them through
 * `conversation.external` (the catalog may refresh between replays), and
 * they return plain JSON.
 */
import type { DestinationMatch, DestinationRef } from "../../domain/destinations/index.ts";
import { bestValue, pickerOrder, type PlanWish } from "../../domain/plan-choice.ts";
import type { CatalogService, PricedPlanDetails } from "../../services/catalog.ts";
import type { OrderService } from "../../services/orders.ts";
import type { Logger } from "../../services/logger.ts";
import type { UserService } from "../../services/users.ts";
import type { BotConversation } from "../context.ts";
import type { Panel } from "./purchase-panel.ts";
import type { PurchaseRestarts } from "./purchase-restart.ts";
import type { DeviceList } from "./purchase-views.ts";
import type { KeptViews } from "../kept-views.ts";
import type { View } from "../view.ts";

/** What the purchase conversation needs. */
export interface PurchaseDeps {
  catalog: CatalogService;
  orders: OrderService;
  users: UserService;
  /** Free-text destination search over what the catalog sells. */
  searchDestinations(query: string, language: string): DestinationMatch;
  /** Popular countries (ISO alpha-2), shown first when sold. */
  popularCountries: readonly string[];
  /** Empty for Telegram Stars. */
  paymentProviderToken: string;
  /** Only through `conversation.external`, so a replay does not log again. */
  log: Logger;
  /** Where a run that starts afresh leaves its resume point. */
  restarts: PurchaseRestarts;
  /** Views every replay rebuilt (destination prompts, plan pickers), kept per language and content (see KeptViews). */
  views: KeptViews<View>;
}

/** The conversation handle grammY passes in. */
export type PurchaseConversation = BotConversation;

/** Where Back on the summary leads: the plan picker, or the validity step of the step-by-step path. */
export type SummaryBack = "plans" | "validity";

/**
 * Where the traveller is. `notice` says why they are at a step (a plan
 * stopped being sold, the plan is the nearest to what they asked for).
 * `wish` is what a one-line request asked for, kept while its destination
 * is being chosen.
 */
export type Step =
  | { at: "destination"; mode: "popular" | "regions" }
  | { at: "choices"; destinations: DestinationRef[]; notice: string; wish?: PlanWish }
  | { at: "plans"; destination: DestinationRef; notice?: string }
  | { at: "data"; destination: DestinationRef; notice?: string }
  | { at: "validity"; destination: DestinationRef; dataMb: number }
  | { at: "summary"; destination: DestinationRef; dataMb: number; planId: string; back: SummaryBack; notice?: string }
  | { at: "devices"; destination: DestinationRef; dataMb: number; planId: string; back: SummaryBack; devices: DeviceList }
  | { at: "pay"; destination: DestinationRef; dataMb: number; planId: string; back: SummaryBack }
  | { at: "cancelled" }
  | { at: "done" };

/** What a step function is given. */
export interface PurchaseFlow {
  conversation: PurchaseConversation;
  deps: PurchaseDeps;
  /** The message the conversation shows its steps in. */
  panel: Panel;
  /** The private chat and the traveller. */
  chatId: number;
  user: { id: number; firstName: string; username: string | null };
}

/** Popular countries on sale, at most nine (three rows). */
export function popularDestinations({ conversation, deps }: PurchaseFlow): Promise<DestinationRef[]> {
  return conversation.external(() =>
    deps.popularCountries
      .map((code): DestinationRef => ({ kind: "country", code }))
      .filter((destination) => deps.catalog.sells(destination))
      .slice(0, 9),
  );
}

/** Regional destinations on sale, then worldwide. */
export function regionalDestinations({ conversation, deps }: PurchaseFlow): Promise<DestinationRef[]> {
  return conversation.external(() =>
    deps.catalog
      .destinations()
      .filter((destination) => destination.kind !== "country")
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "global" ? 1 : -1)),
  );
}

/** Whether a destination is on sale now. */
export function sells({ conversation, deps }: PurchaseFlow, destination: DestinationRef): Promise<boolean> {
  return conversation.external(() => deps.catalog.sells(destination));
}

/** More plans than this are not shown in one keyboard: the data step, then validity, take over. */
export const PICKER_MAX_PLANS = 12;

/** A plan as the picker shows it (plain JSON: it comes out of `conversation.external`). */
export interface PickerPlan {
  planId: string;
  dataMb: number;
  validityDays: number;
  price: number;
  /** The lowest price per GB of the destination's plans. */
  best: boolean;
}

/** A destination's plans in the picker's order (by data, then validity), the best value marked. */
export function pickerPlans({ conversation, deps }: PurchaseFlow, destination: DestinationRef): Promise<PickerPlan[]> {
  return conversation.external(() => {
    const plans = pickerOrder(deps.catalog.plansFor(destination));
    const best = bestValue(plans);
    return plans.map((plan) => ({ planId: plan.id, dataMb: plan.dataMb, validityDays: plan.validityDays, price: plan.price, best: plan === best }));
  });
}

/** True when the destination's plans fit the picker. */
export async function fitsPicker(flow: PurchaseFlow, destination: DestinationRef): Promise<boolean> {
  const plans = await pickerPlans(flow, destination);
  return plans.length > 0 && plans.length <= PICKER_MAX_PLANS;
}

/** Plan details for the summary; falls back to the catalog entry when the provider is slow or down. */
export async function planDetails(catalog: CatalogService, planId: string): Promise<PricedPlanDetails | null> {
  try {
    return (await catalog.details(planId)) ?? null;
  } catch {
    const plan = catalog.plan(planId);
    return plan ? { ...plan, operators: [], compatibleDevices: [] } : null;
  }
}

/** An order as the invoice needs it. */
export interface PlacedOrder {
  id: string;
  amount: number;
  currency: string;
  planName: string;
  dataMb: number;
  days: number;
}

/**
 * Records the traveller and creates an unpaid order; null when the plan is
 * no longer sold. `requestKey` is the Pay tap's (request-key.ts): the same
 * tap handled again gets the same order.
 */
export async function placeOrder(
  { deps, user, chatId }: PurchaseFlow,
  planId: string,
  languageCode: string,
  requestKey: string,
): Promise<PlacedOrder | null> {
  await deps.users.remember(user);
  const created = await deps.orders.create({ userId: user.id, chatId, planId, languageCode, requestKey });
  return created
    ? { id: created.id, amount: created.amount, currency: created.currency, planName: created.planName, dataMb: created.dataMb, days: created.validityDays }
    : null;
}
