/** The orders table's query string: parsed leniently (a bad value is ignored, never an error page) and written back for links. */
import { ORDER_SORTS, type OrderFilter, type OrderSort } from "../services/operator/dashboard.ts";

/** The table's state as the URL carries it. */
export interface OrdersParams {
  filter: OrderFilter;
  /** The dates as typed (YYYY-MM-DD), for the form. */
  fromText: string;
  toText: string;
  sort: { by: OrderSort; dir: "asc" | "desc" };
  page: number;
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
    page: Number.isInteger(page) && page > 0 ? page : 1,
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
  if (params.page > 1) q.set("page", String(params.page));
  return q.toString();
}
