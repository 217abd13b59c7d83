/**
 * The dashboard's orders table: filtered, sorted and paged by the database
 * (the Order indexes on createdAt, status, destinationCode and provider keep
 * a page of 100,000 orders fast), and the whole filtered set in batches for
 * the CSV export.
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

/** Reads of the orders table. */
export class DashboardOrdersReads {
  constructor(private readonly prisma: ShopPrisma) {}

  /** One page and the number of matching orders. */
  async page(filter: OrderFilter, sort: { by: OrderSort; dir: "asc" | "desc" }, page: { skip: number; take: number }): Promise<{ rows: OrderRow[]; total: number }> {
    const where = toWhere(filter);
    const [rows, total] = await Promise.all([
      this.prisma.order.findMany({ where, orderBy: orderBy(sort), skip: page.skip, take: page.take, select: SELECT }),
      this.prisma.order.count({ where }),
    ]);
    return { rows: rows.map(toRow), total };
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

function orderBy(sort: { by: OrderSort; dir: "asc" | "desc" }): Prisma.OrderOrderByWithRelationInput[] {
  // The id breaks ties, so paging never shows an order twice or skips one.
  return sort.by === "createdAt" ? [{ createdAt: sort.dir }, { id: sort.dir }] : [{ [sort.by]: sort.dir }, { createdAt: "desc" }, { id: "desc" }];
}

function toRow(row: Row): OrderRow {
  const { topUpEsimId, userId, ...rest } = row;
  return { ...rest, userId: Number(userId), topUp: topUpEsimId !== null };
}
