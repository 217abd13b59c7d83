/**
 * The orders table's query string: parsed leniently (a bad filter value is
 * ignored, never an error page) and written back for links. A page cursor
 * (`after=` / `before=`) is the exception: one that does not parse is
 * reported, so the page can say the link was broken rather than show other rows.
 */
import { ORDER_SORTS, type OrderCursor, type OrderFilter, type OrderSorting } from "../services/operator/dashboard.ts";
import { decodeOrderCursor, encodeOrderCursor } from "./orders-cursor.ts";

/** The table's state as the URL carries it. */
export interface OrdersParams {
  filter: OrderFilter;
  /** The dates as typed (YYYY-MM-DD), for the form. */
  fromText: string;
  toText: string;
  sort: OrderSorting;
  /** The number shown for the page (it travels with the cursor; the first page without one). */
  page: number;
  /** The page after or before this row (keyset paging); neither: the first page. */
  after?: OrderCursor;
  before?: OrderCursor;
  /** An `after` or `before` was given and is not a cursor of this sort (an edited link). */
  badCursor: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the query; `to` is inclusive (the whole day). */
export function parseOrdersParams(query: (name: string) => string | undefined): OrdersParams {
  const text = (name: string) => query(name)?.trim() ?? "";
  const fromText = DAY.test(text("from")) ? text("from") : "";
  const toText = DAY.test(text("to")) ? text("to") : "";
  const user = text("user");
  const by = ORDER_SORTS.find((sort) => sort === text("sort")) ?? "createdAt";
  const page = Number(text("page"));
  const after = text("after") ? decodeOrderCursor(text("after"), by) : undefined;
  const before = text("before") ? decodeOrderCursor(text("before"), by) : undefined;
  const cursor = after ?? before;
  return {
    filter: {
      ...(text("status") ? { status: text("status") } : {}),
      ...(text("destination") ? { destinationCode: text("destination").toUpperCase() } : {}),
      ...(text("provider") ? { provider: text("provider") } : {}),
      ...(fromText ? { from: new Date(`${fromText}T00:00:00Z`) } : {}),
      ...(toText ? { to: new Date(new Date(`${toText}T00:00:00Z`).getTime() + 86_400_000) } : {}),
      ...(/^\d{1,15}$/.test(user) ? { userId: Number(user) } : {}),
    },
    fromText,
    toText,
    sort: { by, dir: text("dir") === "asc" ? "asc" : "desc" },
    // A page number alone (an old bookmark of offset paging) shows the first page.
    page: cursor && Number.isInteger(page) && page > 0 ? page : 1,
    ...(after ? { after } : before ? { before } : {}),
    badCursor: after === null || before === null || (after !== undefined && before !== undefined),
  };
}

/** The query string of a table state (only what differs from the defaults). */
export function ordersQueryString(params: OrdersParams): string {
  const q = new URLSearchParams();
  const f = params.filter;
  if (f.status) q.set("status", f.status);
  if (f.destinationCode) q.set("destination", f.destinationCode);
  if (f.provider) q.set("provider", f.provider);
  if (params.fromText) q.set("from", params.fromText);
  if (params.toText) q.set("to", params.toText);
  if (f.userId !== undefined) q.set("user", String(f.userId));
  if (params.sort.by !== "createdAt") q.set("sort", params.sort.by);
  if (params.sort.dir !== "desc") q.set("dir", params.sort.dir);
  if (params.after) q.set("after", encodeOrderCursor(params.after));
  else if (params.before) q.set("before", encodeOrderCursor(params.before));
  if ((params.after || params.before) && params.page > 1) q.set("page", String(params.page));
  return q.toString();
}
