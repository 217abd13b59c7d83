/**
 * The order card in Telegram: the facts (traveller, plan, price, payment,
 * upstream order, eSIM and its usage), the timeline (its latest lines when
 * long), and a button per action the order allows now, each naming the card
 * version it was shown at; and the confirmation an action asks first.
 */
import { InlineKeyboard } from "grammy";
import { formatData } from "../../../domain/data-amount.ts";
import type { OrderAction, OrderCard, TimelineEvent } from "../../../domain/order-card.ts";
import { formatPrice } from "../../../domain/pricing.ts";
import { destinationFromCode } from "../../../services/catalog.ts";
import { ADMIN_ORDER } from "../../callback-data.ts";
import { destinationLabel } from "../../destination-labels.ts";
import { escapeHtml } from "../../html.ts";
import type { View } from "../../view.ts";
import type { ViewLocale } from "../../view-locale.ts";
import { formatUsd, formatWhen } from "./admin-format.ts";

/** The timeline shows at most this many lines (Telegram messages are limited to 4096 characters). */
const TIMELINE_LINES = 14;

/** The card with its action buttons. */
export function orderCardView(card: OrderCard, l: ViewLocale): View {
  const { t } = l;
  const text = [...factLines(card, l), "", t("order-card-timeline"), ...timelineLines(card.timeline, l)].join("\n");
  const keyboard = new InlineKeyboard();
  const { actions, order, version } = card;
  if (actions.retry) keyboard.text(t("order-button-retry"), ADMIN_ORDER.ask("retry", order.id, version)).row();
  if (actions.resend) keyboard.text(t("order-button-resend"), ADMIN_ORDER.ask("resend", order.id, version)).row();
  if (actions.refund) keyboard.text(t(`order-button-refund-${actions.refund}`), ADMIN_ORDER.ask("refund", order.id, version)).row();
  if (actions.resolve) keyboard.text(t("order-button-resolve"), ADMIN_ORDER.ask("resolve", order.id, version)).row();
  keyboard.text(t("order-button-refresh"), ADMIN_ORDER.refresh(order.id));
  return { text, keyboard };
}

/** "Retry delivery of order … now?" with Yes and Back (actions without a note). */
export function confirmActionView(card: OrderCard, action: Exclude<OrderAction, "resolve">, { t }: ViewLocale): View {
  const { order, version } = card;
  const key = action === "refund" ? `order-confirm-refund-${card.actions.refund ?? "stars"}` : `order-confirm-${action}`;
  const text = t(key, { order: order.id, price: formatPrice(order.amount, order.currency, "en") });
  const keyboard = new InlineKeyboard().text(t("order-confirm-yes"), ADMIN_ORDER.confirm(action, order.id, version)).text(t("order-confirm-back"), ADMIN_ORDER.refresh(order.id));
  return { text, keyboard };
}

function factLines(card: OrderCard, { t, locale }: ViewLocale): string[] {
  const { order, traveller, job, esim } = card;
  const payment = card.payments.find((candidate) => candidate.orderId === order.id && candidate.status !== "duplicate" && candidate.status !== "mismatch") ?? card.payments[0];
  const destination = destinationLabel(destinationFromCode(order.destinationCode), locale, t);
  const lines = [
    t("order-card-title", { order: order.id, status: t(`order-status-${order.status}`) }),
    t("order-card-traveller", {
      name: escapeHtml(traveller?.firstName || "—"),
      username: traveller?.username ? ` @${escapeHtml(traveller.username)}` : "",
      user: String(order.userId),
      flags: [traveller?.blocked ? t("order-card-blocked") : "", traveller?.optedOutOfNews ? t("order-card-no-news") : ""].filter(Boolean).map((flag) => ` · ${flag}`).join(""),
    }),
    t("order-card-plan", { plan: escapeHtml(order.planName), destination: escapeHtml(destination), kind: order.topUpEsimId ? ` ${t("order-card-top-up")}` : "" }),
    t("order-card-price", { price: formatPrice(order.amount, order.currency, locale), cost: formatUsd(order.costUsdCents, locale) }),
    payment
      ? t("order-card-payment", { charge: escapeHtml(payment.telegramChargeId), status: payment.status, count: card.payments.length })
      : t("order-card-no-payment"),
  ];
  if (job) lines.push(jobLine(card, { t, locale }));
  if (esim) {
    lines.push(
      t("order-card-esim", {
        iccid: escapeHtml(esim.iccid),
        status: esim.status,
        used: formatData(esim.usedMb),
        total: formatData(esim.dataMb),
        checked: esim.lastPolledAt ? formatWhen(esim.lastPolledAt, locale) : t("admin-none"),
        upstream: escapeHtml(esim.providerOrderId),
      }),
    );
  }
  if (card.resolvedAt) lines.push(t("order-card-resolved", { at: formatWhen(card.resolvedAt, locale) }));
  return lines;
}

function jobLine({ job }: OrderCard, { t, locale }: ViewLocale): string {
  if (!job) return "";
  return t("order-card-job", {
    status: job.running ? t("order-card-job-running") : job.status,
    attempts: job.attempts,
    deadline: formatWhen(job.deadlineAt, locale),
    unknown: job.outcomeUnknownSince ? ` · ${t("order-card-outcome-unknown", { since: formatWhen(job.outcomeUnknownSince, locale) })}` : "",
    error: job.lastError && job.status !== "done" ? escapeHtml(job.lastError.slice(0, 120)) : "—",
  });
}

function timelineLines(events: TimelineEvent[], l: ViewLocale): string[] {
  const shown = events.slice(-TIMELINE_LINES);
  const lines = shown.map((event) => `${formatWhen(event.at, l.locale)} · ${timelineText(event, l)}`);
  const hidden = events.length - shown.length;
  return hidden > 0 ? [l.t("order-card-earlier", { count: hidden }), ...lines] : lines;
}

function timelineText(event: TimelineEvent, { t, locale }: ViewLocale): string {
  switch (event.kind) {
    case "payment":
      return t("timeline-payment", { charge: escapeHtml(event.chargeId), status: event.status, price: formatPrice(event.amount, event.currency, locale) });
    case "ordered-upstream":
      return t("timeline-ordered-upstream", { upstream: escapeHtml(event.providerOrderId) });
    case "notification":
      return t("timeline-notification", { notice: event.notice, status: event.status });
    case "top-up":
      return t("timeline-top-up", { order: event.orderId, status: t(`order-status-${event.status}`) });
    case "refund-decided":
      return t("timeline-refund-decided", { status: event.status, reason: escapeHtml(event.reason.slice(0, 120)) });
    case "operator":
      return t("timeline-operator", {
        action: t(`timeline-action-${event.action.replace(/^order\./, "")}`),
        operator: String(event.operatorId),
        result: event.result,
        note: event.note ? ` — “${escapeHtml(event.note)}”` : "",
      });
    default:
      return t(`timeline-${event.kind}`);
  }
}
