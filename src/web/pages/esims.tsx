/** The eSIMs table: status, a usage bar per eSIM (a <meter>), filters (active, low data, expiring) and pages. */
import type { EsimFilter, EsimRow } from "../../services/operator/dashboard.ts";
import type { Page } from "../../services/operator/dashboard.ts";
import type { Translate } from "../context.ts";
import { formatDateTime, formatNumber } from "../format.ts";
import { Pager } from "./orders.tsx";

export const ESIM_FILTERS: readonly EsimFilter[] = ["all", "active", "low-data", "expiring"];

export function EsimsPage(props: { page: Page<EsimRow>; filter: EsimFilter; lowDataPercent: number; t: Translate; lang: string }) {
  const { page, filter, t, lang } = props;
  const gb = (mb: number) => formatNumber(mb / 1024, lang, 2);
  return (
    <div hx-boost="true">
      <nav class="picker" aria-label={t("dash-filters")}>
        {ESIM_FILTERS.map((f) => (
          <a href={`/dashboard/esims?filter=${f}`} {...(f === filter ? { "aria-current": "page" } : {})}>
            {t(`dash-esims-${f}`)}
          </a>
        ))}
      </nav>
      <p class="summary" id="esims-total">{t("dash-esims-found", { n: page.total })}</p>
      <div class="table-box">
        <table id="esims">
          <thead>
            <tr>
              <th scope="col">ICCID</th>
              <th scope="col">{t("dash-col-user")}</th>
              <th scope="col">{t("dash-col-destination")}</th>
              <th scope="col">{t("dash-col-status")}</th>
              <th scope="col">{t("dash-col-usage")}</th>
              <th scope="col">{t("dash-col-expires")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => {
              const low = row.dataMb > 0 && (row.dataMb - row.usedMb) * 100 < row.dataMb * props.lowDataPercent;
              return (
                <tr>
                  <td>…{row.iccid.slice(-6)}</td>
                  <td>{row.userId}</td>
                  <td>{row.destinationCode} · {row.planName}</td>
                  <td>{t(`dash-esim-${row.status}`)}</td>
                  <td>
                    <meter min={0} max={row.dataMb} value={Math.min(row.usedMb, row.dataMb)} low={row.dataMb * 0.5} high={row.dataMb * (1 - props.lowDataPercent / 100)} optimum={0} aria-label={t("dash-col-usage")}></meter>{" "}
                    <span class={low ? "warn" : ""}>{t("dash-usage", { used: gb(row.usedMb), total: gb(row.dataMb) })}</span>
                  </td>
                  <td>{formatDateTime(row.expiresAt, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager
        page={page.page}
        pages={page.pages}
        prev={page.page > 1 ? `/dashboard/esims?filter=${filter}&page=${page.page - 1}` : null}
        next={page.page < page.pages ? `/dashboard/esims?filter=${filter}&page=${page.page + 1}` : null}
        t={t}
        lang={lang}
      />
    </div>
  );
}
