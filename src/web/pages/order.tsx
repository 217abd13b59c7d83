/**
 * One order: its facts, its timeline and the actions it allows now (the
 * Telegram card's, from the same service). Each action opens a confirmation
 * page whose form carries the card's version and the CSRF token; nothing
 * happens without that second step.
 */
import type { OrderAction, OrderCard, TimelineEvent } from "../../domain/order-card.ts";
import type { Translate } from "../context.ts";
import { formatDateTime, formatMoney } from "../format.ts";

function eventText(event: TimelineEvent, t: Translate, lang: string): string {
  switch (event.kind) {
    case "payment":
      return t("dash-event-payment", { status: event.status, amount: formatMoney(event.amount, event.currency, lang) });
    case "ordered-upstream":
      return t("dash-event-ordered-upstream", { id: event.providerOrderId });
    case "notification":
      return t("dash-event-notification", { notice: event.notice, status: event.status });
    case "top-up":
      return t("dash-event-top-up", { id: event.orderId, status: event.status });
    case "refund-decided":
      return t("dash-event-refund-decided", { status: event.status, reason: event.reason });
    case "operator":
      return t("dash-event-operator", { action: event.action, operator: event.operatorId, result: event.result }) + (event.note ? ` — ${event.note}` : "");
    default:
      return t(`dash-event-${event.kind}`);
  }
}

/** The actions the card allows now, in display order. */
export function allowedActions(card: OrderCard): OrderAction[] {
  const { actions } = card;
  return (["retry", "resend", "refund", "resolve"] as const).filter((action) => (action === "refund" ? actions.refund !== null : actions[action]));
}

export function OrderPage(props: { card: OrderCard; notice?: string; t: Translate; lang: string }) {
  const { card, t, lang } = props;
  const { order } = card;
  const path = `/dashboard/orders/${encodeURIComponent(order.id)}`;
  return (
    <>
      {props.notice && <p role="status" class="notice">{props.notice}</p>}
      <dl class="facts">
        <div><dt>{t("dash-col-status")}</dt><dd id="order-status">{t(`dash-status-${order.status}`)}</dd></div>
        <div><dt>{t("dash-col-user")}</dt><dd>{card.traveller ? `${card.traveller.firstName}${card.traveller.username ? ` @${card.traveller.username}` : ""} (${order.userId})` : order.userId}</dd></div>
        <div><dt>{t("dash-col-plan")}</dt><dd>{order.destinationCode} · {order.planName}</dd></div>
        <div><dt>{t("dash-col-price")}</dt><dd>{formatMoney(order.amount, order.currency, lang)}</dd></div>
        <div><dt>{t("dash-col-esim")}</dt><dd>{card.esim ? `…${card.esim.iccid.slice(-6)} · ${t(`dash-esim-${card.esim.status}`)}` : "—"}</dd></div>
      </dl>
      {allowedActions(card).length > 0 && (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{t("dash-actions")}</h2>
          <ul class="actions">
            {allowedActions(card).map((action) => (
              <li>
                <a class="button" href={`${path}/${action}?v=${card.version}`}>{t(`dash-action-${action}`)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("dash-timeline")}</h2>
        <ol class="timeline" id="timeline">
          {card.timeline.map((event) => (
            <li>
              <time datetime={event.at.toISOString()}>{formatDateTime(event.at, lang)}</time> {eventText(event, t, lang)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** "Refund 350 ⭐ of order … ?" with Confirm (a POST with the card version and the CSRF token) and Cancel. */
export function ConfirmPage(props: { card: OrderCard; action: OrderAction; version: number; csrf: string; t: Translate; lang: string }) {
  const { card, action, t, lang } = props;
  const path = `/dashboard/orders/${encodeURIComponent(card.order.id)}`;
  const needsNote = action === "resolve" || (action === "refund" && card.actions.refund === "card");
  return (
    <form method="post" action={`${path}/${action}`} class="confirm">
      <p>{t(`dash-confirm-${action}`, { order: card.order.id, amount: formatMoney(card.order.amount, card.order.currency, lang) })}</p>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="version" value={String(props.version)} />
      {(needsNote || action === "refund") && (
        <label>
          {t("dash-note")}
          <textarea name="note" rows={3} maxlength={500} required={needsNote}></textarea>
        </label>
      )}
      <p>
        <button type="submit">{t("dash-confirm")}</button> <a href={path}>{t("dash-cancel")}</a>
      </p>
    </form>
  );
}
