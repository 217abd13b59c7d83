/**
 * The operator's order desk in Telegram: /admin <anything> looks orders up;
 * order buttons open a card, ask to confirm an action, and act; needs
 * attention pages and sales periods switch in place. Only operators get
 * here (adminGateFeature answers anyone else's operator buttons as stale,
 * and /admin from anyone else is an unknown command); every action also
 * re-checks ADMIN_IDS in the service when it runs.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../../composer.ts";
import type { AvailableActions, OrderAction } from "../../../domain/order-card.ts";
import type { OperatorAccess } from "../../../services/operator/access.ts";
import type { AttentionList } from "../../../services/operator/attention.ts";
import type { ActionResult, OrderActions } from "../../../services/operator/order-actions.ts";
import type { OrderLookup } from "../../../services/operator/order-lookup.ts";
import type { SalesReport } from "../../../services/operator/sales.ts";
import { ORDER_NOTE_PREFIX, parseAdminOrderButton, parseAttentionButton, parseSalesButton, type AdminOrderButton, type OrderActionButton } from "../../callback-data.ts";
import type { PrivateContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { isNotModified, type View } from "../../view.ts";
import { viewLocale } from "../../view-locale.ts";
import { ORDER_NOTE_CONVERSATION } from "./order-note-conversation.ts";
import { confirmActionView, orderCardView } from "./order-card-views.ts";
import { attentionView, foundOrdersView } from "./order-list-views.ts";
import { actionResultText } from "./order-results.ts";
import { salesView } from "./sales-views.ts";

/** The operator services the desk uses. */
export interface OrderDeskDeps {
  access: OperatorAccess;
  sales: SalesReport;
  attention: AttentionList;
  lookup: OrderLookup;
  actions: OrderActions;
}

/** The order desk's commands and buttons; install after the conversations, before the /admin menu. */
export function orderDeskFeature(deps: OrderDeskDeps): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  const operators = composer.filter((ctx) => deps.access.isOperator(ctx.from.id));
  operators.command("admin").filter((ctx) => ctx.match.trim() !== "", (ctx) => lookUp(deps, ctx, ctx.match.trim()));
  operators.on("callback_query:data", async (ctx, next) => {
    const data = ctx.callbackQuery.data;
    const order = parseAdminOrderButton(data);
    if (order) return onOrderButton(deps, ctx, order);
    const page = parseAttentionButton(data);
    if (page !== null) return answerAndEdit(ctx, await showAttention(deps, ctx, page));
    const period = parseSalesButton(data);
    if (period !== null) return answerAndEdit(ctx, salesView(await deps.sales.salesSummary(period), await viewLocale(ctx)));
    // A note's Confirm or Cancel after its conversation ended (done, cancelled, or timed out).
    if (data.startsWith(ORDER_NOTE_PREFIX)) return ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    return next();
  });
  return composer;
}

/** The first page of needs attention (also the menu entry). */
export async function showAttention(deps: Pick<OrderDeskDeps, "attention">, ctx: PrivateContext, page = 0): Promise<View> {
  return attentionView(await deps.attention.attentionList(page), await viewLocale(ctx));
}

async function lookUp(deps: OrderDeskDeps, ctx: PrivateContext, query: string): Promise<void> {
  const orders = await deps.lookup.findOrders(query);
  if (orders.length === 0) {
    await ctx.reply(ctx.t("lookup-nothing", { query: escapeHtml(query) }), { parse_mode: "HTML" });
    return;
  }
  if (orders.length === 1) return sendCard(deps, ctx, orders[0]!.id);
  const view = foundOrdersView(orders, query, await viewLocale(ctx));
  await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
}

async function sendCard(deps: OrderDeskDeps, ctx: PrivateContext, orderId: string): Promise<void> {
  const card = await deps.lookup.orderCard(orderId);
  if (!card) {
    await ctx.reply(ctx.t("order-result-not-found"));
    return;
  }
  const view = orderCardView(card, await viewLocale(ctx));
  await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
}

async function onOrderButton(deps: OrderDeskDeps, ctx: PrivateContext, button: AdminOrderButton): Promise<void> {
  if (button.kind === "card") {
    await ctx.answerCallbackQuery();
    return sendCard(deps, ctx, button.orderId);
  }
  const card = await deps.lookup.orderCard(button.orderId);
  if (!card) {
    await ctx.answerCallbackQuery({ text: ctx.t("order-result-not-found") });
    return;
  }
  const l = await viewLocale(ctx);
  if (button.kind === "refresh") return answerAndEdit(ctx, orderCardView(card, l));
  if (button.version !== card.version || !allows(card.actions, button.action)) {
    // Someone acted meanwhile (or this is a second tap): the card as it is now.
    return answerAndEdit(ctx, orderCardView(card, l), ctx.t(button.version !== card.version ? "order-result-stale" : "order-result-not-allowed"));
  }
  if (button.kind === "ask") {
    const { action } = button;
    if (action === "resolve" || (action === "refund" && card.actions.refund === "card")) {
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(ORDER_NOTE_CONVERSATION, action, card.order.id, card.version);
      return;
    }
    return answerAndEdit(ctx, confirmActionView(card, action, l));
  }
  const result = await act(deps, ctx.from.id, button);
  if (result.kind === "refused") {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    return;
  }
  const fresh = await deps.lookup.orderCard(button.orderId);
  const text = actionResultText(result, ctx.t);
  await ctx.answerCallbackQuery({ text });
  if (fresh) await edit(ctx, orderCardView(fresh, l), text);
}

function allows(actions: AvailableActions, action: OrderAction): boolean {
  return action === "refund" ? actions.refund !== null : actions[action];
}

function act(deps: OrderDeskDeps, operatorId: number, button: OrderActionButton): Promise<ActionResult> {
  const { actions } = deps;
  switch (button.action) {
    case "retry":
      return actions.retryDelivery(operatorId, button.orderId, button.version);
    case "resend":
      return actions.resendEsim(operatorId, button.orderId, button.version);
    case "refund":
      // Only a Stars refund is confirmed by a button; a card refund takes a note (the note conversation).
      return actions.refundOrder(operatorId, button.orderId, button.version);
    case "resolve":
      return Promise.resolve({ kind: "note-required" });
  }
}

async function answerAndEdit(ctx: PrivateContext, view: View, toast?: string): Promise<void> {
  await ctx.answerCallbackQuery(toast ? { text: toast } : undefined);
  await edit(ctx, view);
}

/** Shows the view in the pressed message, `lead` (what just happened) above it. */
async function edit(ctx: PrivateContext, view: View, lead?: string): Promise<void> {
  const text = lead ? `${escapeHtml(lead)}\n\n${view.text}` : view.text;
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: view.keyboard }).catch((error: unknown) => {
    if (!isNotModified(error)) throw error;
  });
}
