/**
 * The dashboard's orders table: filtered, sorted and paged by the database
 * (the Order indexes on createdAt, status, destinationCode and provider keep
 * a page of 100,000 orders fast), and the whole filtered set in batches for
 * the CSV export.
 *
 * Pages are keyset pages ("after this order"): a page starts next to a row
 * named by its sort key, creation time and id, so a deep page reads its 50
 * rows from the index instead of skipping every row before it as an offset
 * would.
 */
import type { Prisma } from "../generated/sqlite/client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** The filters of the orders table; every one optional. */
export interface OrderFilter {
  status?: string;
  destinationCode?: string;
  provider?: string;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
  userId?: number;
}

/** The columns the table sorts by. */
export const ORDER_SORTS = ["createdAt", "amount", "status", "destinationCode"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

/** One row of the table (and of the CSV). */
export interface OrderRow {
  id: string;
  createdAt: Date;
  userId: number;
  destinationCode: string;
  planName: string;
  currency: string;
  amount: number;
  costUsdCents: number;
  status: string;
  provider: string | null;
  paidAt: Date | null;
  deliveredAt: Date | null;
  topUp: boolean;
}

const SELECT = {
  id: true,
  createdAt: true,
  userId: true,
  destinationCode: true,
  planName: true,
  currency: true,
  amount: true,
  costUsdCents: true,
  status: true,
  provider: true,
  paidAt: true,
  deliveredAt: true,
  topUpEsimId: true,
} as const;

type Row = Prisma.OrderGetPayload<{ select: typeof SELECT }>;

/** A sort: a column and its direction (ties are broken by creation time, then id, in the same direction). */
export interface OrderSorting {
  by: OrderSort;
  dir: "asc" | "desc";
}

/**
 * A row a page starts next to: its sort column's value (none when sorted by
 * creation time), creation time and id — the sort's whole key, so a cursor
 * names exactly one position.
 */
export interface OrderCursor {
  /** The sorted column's value: a number for `amount`, text for `status` and `destinationCode`. */
  key?: string | number;
  createdAt: Date;
  id: string;
}

/** Which page: the first, the one after a row, or the one before a row. */
export interface OrderPageAt {
  after?: OrderCursor;
  before?: OrderCursor;
  take: number;
}

/** A keyset page: its rows, the number of matching orders, and where the neighbouring pages start (null: none). */
export interface OrderKeysetPage {
  rows: OrderRow[];
  total: number;
  /** Ask for the page before this row (the page's first) to go back. */
  previous: OrderCursor | null;
  /** Ask for the page after this row (the page's last) to go on. */
  next: OrderCursor | null;
}

/** Reads of the orders table. */
export class DashboardOrdersReads {
  constructor(private readonly prisma: ShopPrisma) {}

  /**
   * One page and the number of matching orders. A page before a row is read
   * backwards; when fewer than a page's rows are left before it (rows were
   * removed, or the cursor was made up), the first page is answered instead.
   */
  async page(filter: OrderFilter, sort: OrderSorting, at: OrderPageAt): Promise<OrderKeysetPage> {
    const where = toWhere(filter);
    const backwards = at.before !== undefined;
    const cursor = at.before ?? at.after;
    const dir = backwards ? (sort.dir === "asc" ? "desc" : "asc") : sort.dir;
    const [found, total] = await Promise.all([
      this.prisma.order.findMany({
        where: cursor ? { AND: [where, beyond({ by: sort.by, dir }, cursor)] } : where,
        orderBy: orderBy({ by: sort.by, dir }),
        // One more than a page: whether there is a page beyond this one.
        take: at.take + 1,
        select: SELECT,
      }),
      this.prisma.order.count({ where }),
    ]);
    if (backwards && found.length < at.take) return this.page(filter, sort, { take: at.take });
    const more = found.length > at.take;
    const rows = found.slice(0, at.take).map(toRow);
    if (backwards) rows.reverse();
    const [first, last] = [rows[0], rows.at(-1)];
    const hasBefore = backwards ? more : cursor !== undefined;
    const hasAfter = backwards || more;
    return {
      rows,
      total,
      // Past the last row (the rows after a cursor are gone): back to the page before the cursor.
      previous: hasBefore ? (first ? cursorOf(first, sort.by) : (cursor ?? null)) : null,
      next: hasAfter && last ? cursorOf(last, sort.by) : null,
    };
  }

  /** Every matching order, newest first, `batch` at a time (keyset paging: no growing offsets). */
  async *all(filter: OrderFilter, batch = 1_000): AsyncGenerator<OrderRow[]> {
    const where = toWhere(filter);
    let cursor: string | undefined;
    for (;;) {
      const rows: Row[] = await this.prisma.order.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: batch,
        ...(cursor === undefined ? {} : { cursor: { id: cursor }, skip: 1 }),
        select: SELECT,
      });
      if (rows.length > 0) yield rows.map(toRow);
      if (rows.length < batch) return;
      cursor = rows[rows.length - 1]!.id;
    }
  }

  /** The destinations and providers orders have, for the filters' choices. */
  async choices(): Promise<{ destinations: string[]; providers: string[] }> {
    // SQL DISTINCT walks the indexes; Prisma's `distinct` would read every order.
    const [destinations, providers] = await Promise.all([
      this.prisma.$queryRaw<Array<{ v: string }>>`SELECT DISTINCT "destinationCode" AS "v" FROM "Order" ORDER BY 1`,
      this.prisma.$queryRaw<Array<{ v: string }>>`SELECT DISTINCT "provider" AS "v" FROM "Order" WHERE "provider" IS NOT NULL ORDER BY 1`,
    ]);
    return { destinations: destinations.map((d) => d.v), providers: providers.map((p) => p.v) };
  }
}

function toWhere(filter: OrderFilter): Prisma.OrderWhereInput {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.destinationCode ? { destinationCode: filter.destinationCode } : {}),
    ...(filter.provider ? { provider: filter.provider } : {}),
    ...(filter.userId !== undefined ? { userId: BigInt(filter.userId) } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

/** The sort's columns, most significant first: the id last, so the order is total and paging never shows an order twice or skips one. */
function sortColumns(by: OrderSort): Array<"createdAt" | "id" | OrderSort> {
  return by === "createdAt" ? ["createdAt", "id"] : [by, "createdAt", "id"];
}

function orderBy(sort: OrderSorting): Prisma.OrderOrderByWithRelationInput[] {
  // Ties go in the sort's direction too, so (column, createdAt) indexes serve both directions and the keyset condition below.
  return sortColumns(sort.by).map((column) => ({ [column]: sort.dir }));
}

/**
 * The rows strictly beyond `cursor` in the sort's order. Written as
 * "a ≤ x AND (a < x OR (b ≤ y AND (b < y OR id < z)))" rather than an OR of
 * ANDs, so the planner sees a range on the leading column of an index.
 */
function beyond(sort: OrderSorting, cursor: OrderCursor): Prisma.OrderWhereInput {
  const [strict, loose] = sort.dir === "desc" ? ["lt", "lte"] : ["gt", "gte"];
  const columns = sortColumns(sort.by);
  const valueOf = (column: string): unknown => (column === "id" ? cursor.id : column === "createdAt" ? cursor.createdAt : cursor.key);
  const from = (index: number): Prisma.OrderWhereInput => {
    const column = columns[index]!;
    const value = valueOf(column);
    if (index === columns.length - 1) return { [column]: { [strict]: value } };
    return { AND: [{ [column]: { [loose]: value } }, { OR: [{ [column]: { [strict]: value } }, from(index + 1)] }] };
  };
  return from(0);
}

function cursorOf(row: OrderRow, by: OrderSort): OrderCursor {
  return by === "createdAt" ? { createdAt: row.createdAt, id: row.id } : { key: row[by], createdAt: row.createdAt, id: row.id };
}

function toRow(row: Row): OrderRow {
  const { topUpEsimId, userId, ...rest } = row;
  return { ...rest, userId: Number(userId), topUp: topUpEsimId !== null };
}
