/**
 * The overview: totals and four charts (Chart.js, drawn by assets/dashboard.js
 * from the JSON in the page) — revenue and margin per day, orders per day by
 * outcome, top destinations, payment→delivery times — with a 7/30/90-day
 * picker. Each chart has its figures as a table too (screen readers, no JS).
 */
import type { Overview } from "../../services/operator/dashboard-overview.ts";
import { OVERVIEW_PERIODS } from "../../services/operator/dashboard-overview.ts";
import type { Translate } from "../context.ts";
import { formatNumber, scriptJson } from "../format.ts";

function bucketLabel(upTo: number | null, previous: number | null, t: Translate): string {
  const span = (s: number) => (s < 60 ? t("dash-seconds", { n: s }) : t("dash-minutes", { n: s / 60 }));
  if (upTo === null) return `≥ ${span(previous ?? 0)}`;
  return `< ${span(upTo)}`;
}

/** What dashboard.js draws: the figures and their translated labels. */
export function chartData(overview: Overview, t: Translate) {
  return {
    labels: overview.labels,
    revenue: { label: t("dash-chart-revenue", { currency: overview.currency === "XTR" ? t("dash-stars") : overview.currency }), data: overview.revenue },
    margin: { label: t("dash-chart-margin"), data: overview.marginUsd },
    outcomes: (["delivered", "refunded", "attention"] as const).map((outcome) => ({ label: t(`dash-outcome-${outcome}`), data: overview.outcomes[outcome] })),
    destinations: { labels: overview.topDestinations.map((d) => d.code), data: overview.topDestinations.map((d) => d.orders), label: t("dash-orders") },
    delivery: {
      labels: overview.deliveryTimes.map((bucket, i) => bucketLabel(bucket.upToSeconds, overview.deliveryTimes[i - 1]?.upToSeconds ?? null, t)),
      data: overview.deliveryTimes.map((bucket) => bucket.orders),
      label: t("dash-orders"),
    },
  };
}

function Chart(props: { id: string; title: string; rows: Array<[string, string]>; t: Translate }) {
  return (
    <section class="card chart" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div class="canvas-box">
        <canvas id={props.id} role="img" aria-label={props.title}></canvas>
      </div>
      <details>
        <summary>{props.t("dash-chart-table")}</summary>
        <table>
          <tbody>
            {props.rows.map(([label, value]) => (
              <tr>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export function OverviewPage(props: { overview: Overview; t: Translate; lang: string }) {
  const { overview, t, lang } = props;
  const data = chartData(overview, t);
  const n = (value: number, digits = 0) => formatNumber(value, lang, digits);
  return (
    <>
      <nav class="picker" aria-label={t("dash-period")}>
        {OVERVIEW_PERIODS.map((days) => (
          <a href={`/dashboard?days=${days}`} {...(days === overview.days ? { "aria-current": "page" } : {})}>
            {t("dash-days", { n: days })}
          </a>
        ))}
      </nav>
      <dl class="totals">
        <div><dt>{data.revenue.label}</dt><dd id="total-revenue">{n(overview.totals.revenue, overview.currency === "XTR" ? 0 : 2)}</dd></div>
        <div><dt>{data.margin.label}</dt><dd>{n(overview.totals.marginUsd, 2)}</dd></div>
        <div><dt>{t("dash-outcome-delivered")}</dt><dd id="total-delivered">{n(overview.totals.delivered)}</dd></div>
        <div><dt>{t("dash-outcome-refunded")}</dt><dd>{n(overview.totals.refunded)}</dd></div>
        <div><dt>{t("dash-outcome-attention")}</dt><dd>{n(overview.totals.attention)}</dd></div>
      </dl>
      <div class="charts">
        <Chart id="chart-revenue" title={t("dash-chart-revenue-title")} t={t} rows={overview.labels.map((label, i) => [label, `${n(overview.revenue[i]!, 2)} / ${n(overview.marginUsd[i]!, 2)}`])} />
        <Chart id="chart-outcomes" title={t("dash-chart-outcomes-title")} t={t} rows={overview.labels.map((label, i) => [label, data.outcomes.map((o) => `${o.label}: ${o.data[i]}`).join(", ")])} />
        <Chart id="chart-destinations" title={t("dash-chart-destinations-title")} t={t} rows={overview.topDestinations.map((d) => [d.code, n(d.orders)])} />
        <Chart id="chart-delivery" title={t("dash-chart-delivery-title")} t={t} rows={data.delivery.labels.map((label, i) => [label, n(data.delivery.data[i]!)])} />
      </div>
      <script type="application/json" id="overview-data" dangerouslySetInnerHTML={{ __html: scriptJson(data) }}></script>
      <script src="/dashboard/assets/chart.umd.min.js" defer></script>
      <script src="/dashboard/assets/dashboard.js" defer></script>
    </>
  );
}
