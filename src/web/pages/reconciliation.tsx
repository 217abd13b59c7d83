/** The ledger report (src/services/reconcile-report.ts): Telegram's charges vs payments vs upstream orders, and every mismatch. */
import type { ReconcileReport } from "../../services/reconcile-report.ts";
import type { Translate } from "../context.ts";
import { formatDateTime } from "../format.ts";

const PERIODS = [1, 7, 30] as const;

function Counts(props: { title: string; counts: Record<string, number> }) {
  return (
    <section class="card">
      <h2>{props.title}</h2>
      <table>
        <tbody>
          {Object.entries(props.counts).map(([key, value]) => (
            <tr>
              <th scope="row">{key}</th>
              <td class="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReconciliationPage(props: { report: ReconcileReport; days: number; t: Translate; lang: string }) {
  const { report, t, lang } = props;
  return (
    <>
      <nav class="picker" aria-label={t("dash-period")}>
        {PERIODS.map((days) => (
          <a href={`/dashboard/reconciliation?days=${days}`} {...(days === props.days ? { "aria-current": "page" } : {})}>
            {t("dash-days", { n: days })}
          </a>
        ))}
      </nav>
      <p>{t("dash-recon-period", { from: formatDateTime(report.from, lang), to: formatDateTime(report.to, lang) })}</p>
      <div class="charts">
        <Counts title={t("dash-recon-telegram")} counts={report.telegram} />
        <Counts title={t("dash-recon-payments")} counts={{ recorded: report.payments.recorded, ...report.payments.byStatus }} />
        <Counts title={t("dash-recon-orders")} counts={report.orders} />
        <Counts title={t("dash-recon-upstream")} counts={report.upstream} />
        <Counts title={t("dash-recon-refunds")} counts={report.refunds} />
      </div>
      <h2 id="mismatches">{t("dash-recon-mismatches", { n: report.mismatches.length })}</h2>
      {report.mismatches.length === 0 ? (
        <p role="status">{t("dash-recon-all-agree")}</p>
      ) : (
        <div class="table-box">
          <table aria-labelledby="mismatches">
            <thead>
              <tr>
                <th scope="col">{t("dash-col-kind")}</th>
                <th scope="col">{t("dash-col-order")}</th>
                <th scope="col">{t("dash-col-charge")}</th>
                <th scope="col">{t("dash-col-detail")}</th>
              </tr>
            </thead>
            <tbody>
              {report.mismatches.map((m) => (
                <tr>
                  <td>{m.kind}</td>
                  <td>{m.orderId ? <a href={`/dashboard/orders/${encodeURIComponent(m.orderId)}`}>{m.orderId}</a> : "—"}</td>
                  <td>{m.chargeId ?? "—"}</td>
                  <td>{m.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
