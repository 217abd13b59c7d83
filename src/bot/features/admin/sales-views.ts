/** The sales screen: one period's figures, with buttons for the other periods. */
import { InlineKeyboard } from "grammy";
import { SALES_PERIODS, type SalesSummary } from "../../../domain/sales.ts";
import { formatPrice } from "../../../domain/pricing.ts";
import { destinationFromCode } from "../../../services/catalog.ts";
import { ADMIN_VIEWS } from "../../callback-data.ts";
import { destinationLabel } from "../../destination-labels.ts";
import { escapeHtml } from "../../html.ts";
import type { View } from "../../view.ts";
import type { ViewLocale } from "../../view-locale.ts";
import { formatDuration, formatUsd, formatWhen } from "./admin-format.ts";

/** The figures of one period. */
export function salesView(summary: SalesSummary, { t, locale }: ViewLocale): View {
  const none = t("admin-none");
  const revenue = summary.revenue.map((money) => formatPrice(money.amount, money.currency, locale)).join(" + ") || formatPrice(0, "XTR", locale);
  const usd = (cents: number | null) => (cents === null ? none : formatUsd(cents, locale));
  const top = summary.topDestinations.map(
    (row, index) => `${index + 1}. ${escapeHtml(destinationLabel(destinationFromCode(row.destinationCode), locale, t))} · ${row.orders}`,
  );
  const text = t("sales-summary", {
    period: t(`sales-period-${summary.period}`),
    from: formatWhen(summary.from, locale),
    to: formatWhen(summary.to, locale),
    paid: summary.paid,
    delivered: summary.delivered,
    refunded: summary.refunded,
    revenue,
    revenueUsd: usd(summary.revenueUsdCents),
    cost: formatUsd(summary.costUsdCents, locale),
    margin: usd(summary.marginUsdCents),
    median: summary.deliveryMs ? formatDuration(summary.deliveryMs.median, locale) : none,
    p95: summary.deliveryMs ? formatDuration(summary.deliveryMs.p95, locale) : none,
    top: top.length > 0 ? top.join("\n") : none,
  });
  const keyboard = new InlineKeyboard();
  for (const period of SALES_PERIODS) {
    const label = t(`sales-period-${period}`);
    keyboard.text(period === summary.period ? `· ${label} ·` : label, ADMIN_VIEWS.sales(period));
  }
  return { text, keyboard };
}
