/** Lists of orders on the operator side: needs attention (paged) and what a look-up found; each order opens its card. */
import { InlineKeyboard } from "grammy";
import type { Order } from "../../../domain/order.ts";
import { formatPrice } from "../../../domain/pricing.ts";
import { ATTENTION_PAGE_SIZE, type AttentionItem, type AttentionPage } from "../../../services/operator/attention.ts";
import { ADMIN_ORDER, ADMIN_VIEWS } from "../../callback-data.ts";
import { escapeHtml } from "../../html.ts";
import type { View } from "../../view.ts";
import type { ViewLocale } from "../../view-locale.ts";
import { formatWhen } from "./admin-format.ts";

/** One page of needs attention, with a button per order and paging. */
export function attentionView(page: AttentionPage, l: ViewLocale): View {
  const { t } = l;
  const keyboard = new InlineKeyboard();
  if (page.total === 0) return { text: t("attention-empty"), keyboard };
  const first = page.page * ATTENTION_PAGE_SIZE;
  const lines = page.items.map((item, index) => `${first + index + 1}. ${attentionLine(item, l)}`);
  const text = [t("attention-title", { total: page.total, page: page.page + 1, pages: page.pages }), "", ...lines].join("\n");
  page.items.forEach((item, index) => {
    if (item.orderId) keyboard.text(`${first + index + 1} · ${item.orderId}`, ADMIN_ORDER.card(item.orderId)).row();
  });
  if (page.page > 0) keyboard.text(t("attention-previous"), ADMIN_VIEWS.attention(page.page - 1));
  if (page.page + 1 < page.pages) keyboard.text(t("attention-next"), ADMIN_VIEWS.attention(page.page + 1));
  return { text, keyboard };
}

/** The orders a look-up found (more than one), newest first. */
export function foundOrdersView(orders: Order[], query: string, l: ViewLocale): View {
  const keyboard = new InlineKeyboard();
  for (const order of orders) keyboard.text(`${order.id} · ${l.t(`order-status-${order.status}`)}`, ADMIN_ORDER.card(order.id)).row();
  const lines = orders.map((order) => `• ${orderSummary(order, l)}`);
  return { text: [l.t("lookup-found", { count: orders.length, query: escapeHtml(query) }), ...lines].join("\n"), keyboard };
}

function attentionLine(item: AttentionItem, l: ViewLocale): string {
  const reasons = item.reasons.map((reason) => l.t(`attention-reason-${reason}`)).join(", ");
  const subject = item.order ? orderSummary(item.order, l) : l.t("attention-payment", { charge: escapeHtml(item.chargeId ?? "—") });
  return `${subject}\n    ⚠️ ${reasons} · ${formatWhen(item.since, l.locale)}`;
}

function orderSummary(order: Order, { t, locale }: ViewLocale): string {
  return `<code>${escapeHtml(order.id)}</code> · ${escapeHtml(order.planName)} · ${formatPrice(order.amount, order.currency, locale)} · ${t(`order-status-${order.status}`)}`;
}
