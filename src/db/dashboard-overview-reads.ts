/**
 * The overview's aggregates, computed by the database (GROUP BY over the
 * paidAt index) so a 90-day period of 100,000 orders stays fast: orders
 * per day, status and currency with their amounts and costs, the top
 * destinations, and payment→delivery times in buckets. Days are UTC.
 */
import { Prisma } from "../generated/sqlite/client.ts";
import type { DatabaseProvider } from "./client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** Paid orders of one day, status and currency. */
export interface DayGroup {
  /** YYYY-MM-DD (UTC). */
  day: string;
  status: string;
  currency: string;
  orders: number;
  /** Sum of prices, in the currency's smallest unit. */
  amount: number;
  costUsdCents: number;
}

/** Upper bounds (seconds) of the payment→delivery buckets; the last bucket is open. */
export const DELIVERY_BUCKETS_S = [10, 30, 60, 120, 300, 900, 1800] as const;

/** Aggregates for the overview. */
export class DashboardOverviewReads {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: DatabaseProvider,
  ) {}

  /**
   * The covering index, named: SQLite's planner (without ANALYZE statistics)
   * prefers the status index for "status = 'delivered'", which reads the
   * table row of every delivered order ever.
   */
  private get table(): Prisma.Sql {
    return this.provider === "sqlite" ? Prisma.sql`"Order" INDEXED BY "Order_overview_idx"` : Prisma.sql`"Order"`;
  }

  /** Orders paid in [from, to), grouped by day, status and currency. */
  async paidByDay(from: Date, to: Date): Promise<DayGroup[]> {
    const day = this.provider === "postgresql" ? Prisma.sql`to_char("paidAt", 'YYYY-MM-DD')` : Prisma.sql`substr("paidAt", 1, 10)`;
    const rows = await this.prisma.$queryRaw<Array<{ day: string; status: string; currency: string; n: number | bigint; amount: number | bigint | null; cost: number | bigint | null }>>`
      SELECT ${day} AS "day", "status", "currency", COUNT(*) AS "n", SUM("amount") AS "amount", SUM("costUsdCents") AS "cost"
      FROM ${this.table} WHERE "paidAt" >= ${from} AND "paidAt" < ${to}
      GROUP BY 1, "status", "currency"`;
    return rows.map((row) => ({
      day: row.day,
      status: row.status,
      currency: row.currency,
      orders: Number(row.n),
      amount: Number(row.amount ?? 0),
      costUsdCents: Number(row.cost ?? 0),
    }));
  }

  /** The destinations with the most delivered orders paid in [from, to). */
  async topDestinations(from: Date, to: Date, limit: number): Promise<Array<{ code: string; orders: number }>> {
    const rows = await this.prisma.$queryRaw<Array<{ code: string; n: number | bigint }>>`
      SELECT "destinationCode" AS "code", COUNT(*) AS "n" FROM ${this.table}
      WHERE "paidAt" >= ${from} AND "paidAt" < ${to} AND "status" = 'delivered'
      GROUP BY "destinationCode" ORDER BY 2 DESC, 1 LIMIT ${limit}`;
    return rows.map((row) => ({ code: row.code, orders: Number(row.n) }));
  }

  /** How many delivered orders paid in [from, to) took up to each DELIVERY_BUCKETS_S bound (and the rest, last). */
  async deliveryTimes(from: Date, to: Date): Promise<number[]> {
    const seconds =
      this.provider === "postgresql"
        ? Prisma.sql`EXTRACT(EPOCH FROM ("deliveredAt" - "paidAt"))`
        : Prisma.sql`((julianday("deliveredAt") - julianday("paidAt")) * 86400.0)`;
    const cases = Prisma.join(
      DELIVERY_BUCKETS_S.map((bound, index) => Prisma.sql`WHEN ${seconds} < ${Prisma.raw(String(bound))} THEN ${Prisma.raw(String(index))}`),
      " ",
    );
    const rows = await this.prisma.$queryRaw<Array<{ bucket: number | bigint; n: number | bigint }>>`
      SELECT CASE ${cases} ELSE ${Prisma.raw(String(DELIVERY_BUCKETS_S.length))} END AS "bucket", COUNT(*) AS "n" FROM ${this.table}
      WHERE "paidAt" >= ${from} AND "paidAt" < ${to} AND "deliveredAt" IS NOT NULL
      GROUP BY 1`;
    const counts = new Array<number>(DELIVERY_BUCKETS_S.length + 1).fill(0);
    for (const row of rows) counts[Number(row.bucket)] = Number(row.n);
    return counts;
  }
}
