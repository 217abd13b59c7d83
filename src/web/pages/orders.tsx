/**
 * The orders table: filters (a plain GET form, so it works without JS;
 * htmx boosts it), sortable headers, server-side pages, the CSV export of the
 * filtered set, and a link from each row to its order page.
 */
import { ORDER_STATUSES } from "../../domain/order.ts";
import type { OrdersPage as OrdersPageData } from "../../services/operator/dashboard.ts";
import type { Translate } from "../context.ts";
import { formatDateTime, formatMoney, formatNumber } from "../format.ts";
import type { OrdersParams } from "../orders-params.ts";
import { ordersQueryString } from "../orders-params.ts";

/** The table's state without its page cursor: the first page of the same filters and sort. */
export function firstPage(params: OrdersParams): OrdersParams {
  const { after: _after, before: _before, ...rest } = params;
  return { ...rest, page: 1, badCursor: false };
}

const COLUMNS = [
  { key: "createdAt", label: "dash-col-created", sortable: true },
  { key: "id", label: "dash-col-order", sortable: false },
  { key: "userId", label: "dash-col-user", sortable: false },
  { key: "destinationCode", label: "dash-col-destination", sortable: true },
  { key: "planName", label: "dash-col-plan", sortable: false },
  { key: "amount", label: "dash-col-price", sortable: true },
  { key: "status", label: "dash-col-status", sortable: true },
  { key: "provider", label: "dash-col-provider", sortable: false },
] as const;

function Filters(props: { params: OrdersParams; choices: { destinations: string[]; providers: string[] }; t: Translate }) {
  const { params, choices, t } = props;
  const f = params.filter;
  const Select = (p: { name: string; label: string; value: string | undefined; options: Array<[string, string]> }) => (
    <label>
      {p.label}
      <select name={p.name}>
        <option value="">{t("dash-any")}</option>
        {p.options.map(([value, text]) => (
          <option value={value} selected={value === p.value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form class="filters" method="get" action="/dashboard/orders" role="search" aria-label={t("dash-filters")}>
      <Select name="status" label={t("dash-col-status")} value={f.status} options={ORDER_STATUSES.map((s) => [s, t(`dash-status-${s}`)])} />
      <Select name="destination" label={t("dash-col-destination")} value={f.destinationCode} options={choices.destinations.map((d) => [d, d])} />
      <Select name="provider" label={t("dash-col-provider")} value={f.provider} options={choices.providers.map((p) => [p, p])} />
      <label>
        {t("dash-from")}
        <input type="date" name="from" value={params.fromText} />
      </label>
      <label>
        {t("dash-to")}
        <input type="date" name="to" value={params.toText} />
      </label>
      <label>
        {t("dash-col-user")}
        <input type="text" inputmode="numeric" name="user" value={f.userId?.toString() ?? ""} size={12} />
      </label>
      <button type="submit">{t("dash-apply")}</button>
    </form>
  );
}

export function OrdersPage(props: { page: OrdersPageData; params: OrdersParams; choices: { destinations: string[]; providers: string[] }; t: Translate; lang: string }) {
  const { page, params, t, lang } = props;
  const link = (changes: Partial<OrdersParams>) => `/dashboard/orders?${ordersQueryString({ ...firstPage(params), ...changes })}`;
  return (
    <div hx-boost="true">
      <Filters params={params} choices={props.choices} t={t} />
      <p class="summary">
        <span id="orders-total">{t("dash-orders-found", { n: page.total })}</span>{" "}
        <a href={`/dashboard/orders.csv?${ordersQueryString(firstPage(params))}`} hx-boost="false" download>
          {t("dash-export-csv")}
        </a>
      </p>
      <div class="table-box">
        <table id="orders">
          <caption class="visually-hidden">{t("dash-nav-orders")}</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = params.sort.by === column.key;
                const sortAttr = active ? { "aria-sort": params.sort.dir === "asc" ? "ascending" : "descending" } : {};
                if (!column.sortable) return <th scope="col">{t(column.label)}</th>;
                const dir = active && params.sort.dir === "desc" ? "asc" : "desc";
                return (
                  <th scope="col" {...sortAttr}>
                    <a href={link({ sort: { by: column.key, dir }, page: 1 })}>{t(column.label)}</a>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr>
                <td>{formatDateTime(row.createdAt, lang)}</td>
                <td>
                  <a href={`/dashboard/orders/${encodeURIComponent(row.id)}`}>{row.id}</a>
                </td>
                <td>{row.userId}</td>
                <td>{row.destinationCode}</td>
                <td>{row.planName}{row.topUp ? ` (${t("dash-top-up")})` : ""}</td>
                <td class="num">{formatMoney(row.amount, row.currency, lang)}</td>
                <td>{t(`dash-status-${row.status}`)}</td>
                <td>{row.provider ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        page={page.page}
        pages={page.pages}
        prev={page.previous && link({ before: page.previous, page: page.page - 1 })}
        next={page.next && link({ after: page.next, page: page.page + 1 })}
        t={t}
        lang={lang}
      />
    </div>
  );
}

/** Previous / "Page n of m" / Next; a link is left out when its href is null. */
export function Pager(props: { page: number; pages: number; prev: string | null; next: string | null; t: Translate; lang: string }) {
  const { page, pages, t } = props;
  return (
    <nav class="pager" aria-label={t("dash-pages")}>
      {props.prev ? <a href={props.prev} rel="prev">{t("dash-prev")}</a> : <span />}
      <span>{t("dash-page-of", { page: formatNumber(page, props.lang), pages: formatNumber(pages, props.lang) })}</span>
      {props.next ? <a href={props.next} rel="next">{t("dash-next")}</a> : <span />}
    </nav>
  );
}
