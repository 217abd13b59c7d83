/**
 * The purchase conversation: destination → plan picker → summary → invoice
 * (or, step by step, destination → data → validity → summary → invoice),
 * one step function each (./purchase-steps.ts) in a small loop.
 *
 * Conversations v2 replay this function from the top on every update, so
 * everything that may differ between replays (catalog, database) goes through
 * `conversation.external` and returns plain JSON. The conversation ends by
 * sending the invoice; payments are handled outside.
 */
import type { DestinationRef } from "../../domain/destinations/index.ts";
import type { ConversationContext } from "../context.ts";
import type { PurchaseConversation, PurchaseDeps, PurchaseFlow, Step } from "./purchase-flow.ts";
import { Panel } from "./purchase-panel.ts";
import type { PurchaseResume } from "./purchase-restart.ts";
import { searchStep } from "./purchase-search.ts";
import { runStep } from "./purchase-steps.ts";

/**
 * Where a purchase starts: a plan (deep link), a destination (Buy again, a
 * popular one on the /start menu), or what the traveller typed (text after
 * /start, /buy with words); else the destination step. Or where an earlier
 * run left off (see ./purchase-restart.ts).
 */
export interface PurchaseStart {
  planId?: string;
  destination?: DestinationRef;
  query?: string;
  resume?: PurchaseResume;
}

/** The conversation's id, for ctx.conversation.enter(). */
export const PURCHASE_CONVERSATION = "purchase";

/** Builds the conversation function with its dependencies. */
export function createPurchaseConversation(deps: PurchaseDeps) {
  return async function purchase(conversation: PurchaseConversation, ctx: ConversationContext, start: PurchaseStart = {}) {
    const chatId = ctx.chat?.id;
    const user = ctx.from;
    // Entered only from private chats, which always have both.
    if (chatId === undefined || !user) return;
    if (!(await conversation.external(() => deps.catalog.size > 0))) {
      await ctx.reply(ctx.t("shop-unavailable"));
      return;
    }
    const flow: PurchaseFlow = {
      conversation,
      deps,
      panel: new Panel(conversation, ctx, chatId, start.resume?.messageId),
      chatId,
      user: { id: user.id, firstName: user.first_name, username: user.username ?? null },
    };
    let step = start.resume?.step ?? (await firstStep(flow, start));
    while (step.at !== "done") step = await runStep(flow, step);
  };
}

/** The plan of a deep link (its summary), a destination (its plans), a typed search, or the destinations. */
async function firstStep(flow: PurchaseFlow, { planId, destination, query }: PurchaseStart): Promise<Step> {
  const { conversation, deps } = flow;
  if (planId) {
    const plan = await conversation.external(() => deps.catalog.plan(planId) ?? null);
    if (plan) return { at: "summary", destination: plan.destination, dataMb: plan.dataMb, planId: plan.id, back: "plans" };
  } else if (destination && (await conversation.external(() => deps.catalog.sells(destination)))) {
    return { at: "plans", destination };
  } else if (query?.trim()) {
    return searchStep(flow, query);
  }
  return { at: "destination", mode: "popular" };
}
