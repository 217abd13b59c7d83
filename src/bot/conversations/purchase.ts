/**
 * The purchase conversation: destination → data → validity → summary → invoice.
 *
 * Conversations v2 replay this function from the top on every update, so
 * everything that may differ between replays (catalog, database) goes through
 * `conversation.external` and returns plain JSON. No money is handled here:
 * the conversation ends by sending the invoice; payments are handled outside.
 * One message (the "panel") is edited in place as the traveller moves on;
 * buttons on older messages are answered politely and ignored.
 */
import type { Conversation } from "@grammyjs/conversations";
import { GrammyError, InlineKeyboard } from "grammy";
import type { DestinationMatch } from "../../domain/destinations/index.ts";
import { formatData } from "../../domain/data-amount.ts";
import type { DestinationRef } from "../../providers/port.ts";
import type { CatalogService, PricedPlanDetails } from "../../services/catalog.ts";
import type { OrderService } from "../../services/orders.ts";
import type { UsersRepository } from "../../db/users-repository.ts";
import type { BotContext, ConversationContext } from "../context.ts";
import { escapeHtml } from "../html.ts";
import { sendInvoice } from "../invoice.ts";
import { countryName } from "../../domain/destinations/index.ts";
import { BUY, BUY_PREFIX, parseBuyButton } from "../callback-data.ts";
import {
  dataView,
  destinationView,
  devicesView,
  summaryView,
  validityView,
  type View,
} from "./purchase-views.ts";
import { viewLocale, type ViewLocale } from "../view-locale.ts";

/** What the purchase conversation needs. */
export interface PurchaseDeps {
  catalog: CatalogService;
  orders: OrderService;
  users: UsersRepository;
  /** Free-text destination search over what the catalog sells. */
  searchDestinations(query: string, language: string): DestinationMatch;
  /** Popular countries (ISO alpha-2), shown first when sold. */
  popularCountries: readonly string[];
  /** Empty for Telegram Stars. */
  paymentProviderToken: string;
}

/** Where a purchase starts: a plan (deep link) or a destination (Buy again), else the destination step. */
export interface PurchaseStart {
  planId?: string;
  destination?: DestinationRef;
}

/** The conversation's id, for ctx.conversation.enter(). */
export const PURCHASE_CONVERSATION = "purchase";

type PurchaseConversation = Conversation<BotContext, ConversationContext>;

type Step =
  | { at: "destination"; mode: "popular" | "regions" }
  | { at: "choices"; destinations: DestinationRef[]; notice: string }
  | { at: "data"; destination: DestinationRef }
  | { at: "validity"; destination: DestinationRef; dataMb: number }
  | { at: "summary"; destination: DestinationRef; dataMb: number; planId: string }
  | { at: "done" };

type Action = { kind: "button"; data: string; ctx: ConversationContext } | { kind: "text"; text: string; ctx: ConversationContext };

/** Builds the conversation function with its dependencies. */
export function createPurchaseConversation(deps: PurchaseDeps) {
  return async function purchase(conversation: PurchaseConversation, ctx: ConversationContext, start: PurchaseStart = {}) {
    const chatId = ctx.chat?.id;
    const user = ctx.from;
    if (chatId === undefined || !user) return;
    let current = ctx;
    let panel: number | undefined;
    let fresh = true;

    const locale = () => viewLocale(current);

    /** Shows a view in the panel: edits it, or sends a new one after the user typed. */
    const show = async (view: View) => {
      const options = { parse_mode: "HTML" as const, reply_markup: view.keyboard };
      if (panel !== undefined && !fresh) {
        try {
          await current.api.editMessageText(chatId, panel, view.text, options);
          return;
        } catch (error) {
          if (isNotModified(error)) return;
        }
      }
      if (panel !== undefined) await retire(panel);
      const sent = await current.api.sendMessage(chatId, view.text, options);
      panel = sent.message_id;
      fresh = false;
    };

    /** Removes the buttons of an old panel so they cannot be pressed. */
    const retire = async (messageId: number) => {
      try {
        await current.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: undefined });
      } catch {
        // Already gone or too old to edit: its buttons are answered as stale anyway.
      }
    };

    /** Waits for a button on the panel or a typed message; anything else gets a polite hint. */
    const next = async (): Promise<Action> => {
      const update = await conversation.waitUntil(
        (c) =>
          (c.callbackQuery?.data?.startsWith(BUY_PREFIX) === true && c.callbackQuery.message?.message_id === panel) ||
          (typeof c.message?.text === "string" && !c.message.text.startsWith("/")),
        {
          otherwise: async (c) => {
            if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-not-active") });
            else if (c.message) await c.reply(c.t("buy-use-buttons"));
          },
        },
      );
      current = update;
      if (update.callbackQuery?.data) return { kind: "button", data: update.callbackQuery.data, ctx: update };
      fresh = true;
      return { kind: "text", text: update.message?.text ?? "", ctx: update };
    };

    const answer = (action: Action, text?: string) =>
      action.kind === "button" ? action.ctx.answerCallbackQuery(text ? { text } : undefined) : Promise.resolve(true);

    // Catalog reads go through `external`: the catalog may refresh between replays.
    const sold = await conversation.external(() => deps.catalog.size > 0);
    if (!sold) {
      await ctx.reply(ctx.t("shop-unavailable"));
      return;
    }

    const popular = () =>
      conversation.external(() =>
        deps.popularCountries
          .map((code): DestinationRef => ({ kind: "country", code }))
          .filter((d) => deps.catalog.sells(d))
          .slice(0, 9),
      );
    const regions = () =>
      conversation.external(() =>
        deps.catalog
          .destinations()
          .filter((d) => d.kind !== "country")
          .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "global" ? 1 : -1)),
      );

    /** Typed text, at any step, starts a new destination search. */
    const search = async (text: string): Promise<Step> => {
      const l = await locale();
      const match = await conversation.external(() => deps.searchDestinations(text.slice(0, 100), l.locale));
      const query = text.trim().slice(0, 40);
      switch (match.kind) {
        case "found":
          return { at: "data", destination: match.destination };
        case "ambiguous":
          return { at: "choices", destinations: match.options, notice: l.t("buy-search-ambiguous") };
        case "not-sold": {
          const covering = await conversation.external(() => deps.catalog.destinationsCovering(match.countryCode));
          const country = countryName(match.countryCode, l.locale);
          return covering.length
            ? { at: "choices", destinations: covering, notice: l.t("buy-search-not-sold-covering", { country }) }
            : { at: "choices", destinations: await popular(), notice: l.t("buy-search-not-sold", { country }) };
        }
        case "none":
          return match.suggestions.length
            ? { at: "choices", destinations: match.suggestions, notice: l.t("buy-search-suggestions", { query: escapeHtml(query) }) }
            : { at: "choices", destinations: await popular(), notice: l.t("buy-search-none", { query: escapeHtml(query) }) };
      }
    };

    /** Handles what every step has in common: typed text and Cancel. */
    const common = async (action: Action): Promise<Step | "cancel" | undefined> => {
      if (action.kind === "text") return search(action.text);
      if (action.data === BUY.cancel) return "cancel";
      return undefined;
    };

    let step: Step = { at: "destination", mode: "popular" };
    const { planId, destination: startAt } = start;
    if (planId) {
      const plan = await conversation.external(() => deps.catalog.plan(planId) ?? null);
      if (plan) step = { at: "summary", destination: plan.destination, dataMb: plan.dataMb, planId: plan.id };
    } else if (startAt && (await conversation.external(() => deps.catalog.sells(startAt)))) {
      step = { at: "data", destination: startAt };
    }

    while (step.at !== "done") {
      const l = await locale();
      let action: Action;
      let handled: Step | "cancel" | undefined;
      switch (step.at) {
        case "destination":
        case "choices": {
          const view =
            step.at === "choices"
              ? destinationView(l, { kind: "choices", destinations: step.destinations, notice: step.notice })
              : destinationView(l, { kind: step.mode, destinations: step.mode === "regions" ? await regions() : await popular() });
          await show(view);
          action = await next();
          handled = await common(action);
          if (handled === undefined && action.kind === "button") {
            const button = parseBuyButton(action.data);
            const destination: DestinationRef | null = button?.kind === "destination" ? button.destination : null;
            const sells: boolean = destination ? await conversation.external(() => deps.catalog.sells(destination)) : false;
            if (destination && sells) handled = { at: "data", destination };
            else if (action.data === BUY.regions) handled = { at: "destination", mode: "regions" };
            else if (action.data === BUY.popular) handled = { at: "destination", mode: "popular" };
          }
          break;
        }
        case "data": {
          const { destination } = step;
          const options = await conversation.external(() => deps.catalog.dataOptions(destination));
          if (options.length === 0) {
            handled = { at: "choices", destinations: await popular(), notice: l.t("buy-plan-gone") };
            break;
          }
          await show(dataView(l, destination, options, deps.catalog.currency));
          action = await next();
          handled = await common(action);
          if (handled === undefined && action.kind === "button") {
            const chosen = options.find((o) => action.kind === "button" && action.data === BUY.data(o.dataMb));
            if (chosen) handled = { at: "validity", destination, dataMb: chosen.dataMb };
            else if (action.data === BUY.back) handled = { at: "destination", mode: destination.kind === "country" ? "popular" : "regions" };
          }
          break;
        }
        case "validity": {
          const { destination, dataMb } = step;
          const options = await conversation.external(() => deps.catalog.validityOptions(destination, dataMb));
          if (options.length === 0) {
            handled = { at: "data", destination };
            break;
          }
          await show(validityView(l, destination, dataMb, options, deps.catalog.currency));
          action = await next();
          handled = await common(action);
          if (handled === undefined && action.kind === "button") {
            const index = options.findIndex((_, i) => action.kind === "button" && action.data === BUY.validity(i));
            const chosen = options[index];
            if (chosen) handled = { at: "summary", destination, dataMb, planId: chosen.planId };
            else if (action.data === BUY.back) handled = { at: "data", destination };
          }
          break;
        }
        case "summary": {
          const { destination, dataMb, planId: chosenPlan }: Extract<Step, { at: "summary" }> = step;
          const plan = await conversation.external(() => planDetails(deps.catalog, chosenPlan));
          if (!plan) {
            handled = { at: "choices", destinations: [destination], notice: l.t("buy-plan-gone") };
            break;
          }
          await show(summaryView(l, plan));
          action = await next();
          if (action.kind === "button" && action.data === BUY.devices) {
            await answer(action);
            await show(devicesView(l, plan.compatibleDevices));
            action = await next();
            if (action.kind === "button" && action.data === BUY.summary) {
              await answer(action);
              continue;
            }
          }
          handled = await common(action);
          if (handled === undefined && action.kind === "button") {
            if (action.data === BUY.back) handled = { at: "validity", destination, dataMb };
            else if (action.data === BUY.pay) {
              await answer(action);
              const sent = await orderAndInvoice(conversation, action.ctx, deps, chosenPlan, show, l);
              if (sent) return;
              handled = { at: "choices", destinations: [destination], notice: l.t("buy-plan-gone") };
              step = handled;
              continue;
            }
          }
          break;
        }
      }
      if (handled === "cancel") {
        await answer(action!);
        if (panel !== undefined) {
          await current.api.editMessageText(chatId, panel, l.t("cancelled")).catch(() => undefined);
        }
        return;
      }
      if (handled === undefined) {
        // A button of this panel that makes no sense here (forged or from another step).
        await answer(action!, l.t("button-not-active"));
        continue;
      }
      await answer(action!);
      step = handled;
    }
  };
}

/** Plan details for the summary; falls back to the catalog entry when the provider is slow or down. */
async function planDetails(catalog: CatalogService, planId: string): Promise<PricedPlanDetails | null> {
  try {
    return (await catalog.details(planId)) ?? null;
  } catch {
    const plan = catalog.plan(planId);
    return plan ? { ...plan, operators: [], compatibleDevices: [] } : null;
  }
}

/** Creates the order and sends its invoice; false when the plan is no longer sold. */
async function orderAndInvoice(
  conversation: PurchaseConversation,
  ctx: ConversationContext,
  deps: PurchaseDeps,
  planId: string,
  show: (view: View) => Promise<void>,
  l: ViewLocale,
): Promise<boolean> {
  const from = ctx.from!;
  const chatId = ctx.chat!.id;
  const order = await conversation.external(async () => {
    await deps.users.upsert({ id: from.id, firstName: from.first_name });
    const created = await deps.orders.create({ userId: from.id, chatId, planId, languageCode: l.locale });
    return created
      ? { id: created.id, amount: created.amount, currency: created.currency, planName: created.planName, dataMb: created.dataMb, days: created.validityDays }
      : null;
  });
  if (!order) return false;
  await show({ text: l.t("buy-invoice-sent"), keyboard: new InlineKeyboard() });
  const texts = {
    title: l.t("invoice-title", { plan: order.planName }),
    description: l.t("invoice-description", { data: formatData(order.dataMb), days: order.days }),
    label: l.t("invoice-label", { plan: order.planName }),
  };
  await sendInvoice(ctx.api, chatId, order, texts, deps.paymentProviderToken);
  return true;
}

function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}
