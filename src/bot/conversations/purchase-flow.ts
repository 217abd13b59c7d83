/**
 * What every step of the purchase conversation works with: its
 * dependencies, the steps themselves as plain data, and the catalog and
 * order calls the steps share. The steps run them through
 * `conversation.external` (the catalog may refresh between replays), and
 * they return plain JSON.
 */
import type { DestinationMatch, DestinationRef } from "../../domain/destinations/index.ts";
import type { CatalogService, PricedPlanDetails } from "../../services/catalog.ts";
import type { OrderService } from "../../services/orders.ts";
import type { Logger } from "../../services/logger.ts";
import type { UserService } from "../../services/users.ts";
import type { BotConversation } from "../context.ts";
import type { Panel } from "./purchase-panel.ts";
import type { PurchaseRestarts } from "./purchase-restart.ts";
import type { DeviceList } from "./purchase-views.ts";

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
}

/** The conversation handle grammY passes in. */
export type PurchaseConversation = BotConversation;

/** Where the traveller is. `notice` says why they are back at a step (e.g. a plan stopped being sold). */
export type Step =
  | { at: "destination"; mode: "popular" | "regions" }
  | { at: "choices"; destinations: DestinationRef[]; notice: string }
  | { at: "data"; destination: DestinationRef; notice?: string }
  | { at: "validity"; destination: DestinationRef; dataMb: number }
  | { at: "summary"; destination: DestinationRef; dataMb: number; planId: string; notice?: string }
  | { at: "devices"; destination: DestinationRef; dataMb: number; planId: string; devices: DeviceList }
  | { at: "pay"; destination: DestinationRef; dataMb: number; planId: string }
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
  user: { id: number; firstName: string };
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

/** Records the traveller and creates an unpaid order; null when the plan is no longer sold. */
export async function placeOrder({ deps, user, chatId }: PurchaseFlow, planId: string, languageCode: string): Promise<PlacedOrder | null> {
  await deps.users.remember({ id: user.id, firstName: user.firstName });
  const created = await deps.orders.create({ userId: user.id, chatId, planId, languageCode });
  return created
    ? { id: created.id, amount: created.amount, currency: created.currency, planName: created.planName, dataMb: created.dataMb, days: created.validityDays }
    : null;
}
