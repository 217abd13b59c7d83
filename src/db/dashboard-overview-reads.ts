/**
 * The overview's aggregates per day, computed by the database (GROUP BY over
 * a covering index): orders per day, status and currency with their amounts
 * and costs, delivered orders per destination, payment→delivery times in
 * buckets — and which days changed since a moment (the updatedAt index), so
 * the service recomputes only those. Days are UTC.
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
    const rows = await this.prisma.$queryRaw<Array<{ day: string; status: string; currency: string; n: number | bigint; amount: number | bigint | null; cost: number | bigint | null }>>`
      SELECT ${this.day} AS "day", "status", "currency", COUNT(*) AS "n", SUM("amount") AS "amount", SUM("costUsdCents") AS "cost"
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

  private get day(): Prisma.Sql {
    return this.provider === "postgresql" ? Prisma.sql`to_char("paidAt", 'YYYY-MM-DD')` : Prisma.sql`substr("paidAt", 1, 10)`;
  }

  /** Delivered orders paid in [from, to) per day and destination. */
  async destinationsByDay(from: Date, to: Date): Promise<Array<{ day: string; code: string; orders: number }>> {
    const rows = await this.prisma.$queryRaw<Array<{ day: string; code: string; n: number | bigint }>>`
      SELECT ${this.day} AS "day", "destinationCode" AS "code", COUNT(*) AS "n" FROM ${this.table}
      WHERE "paidAt" >= ${from} AND "paidAt" < ${to} AND "status" = 'delivered'
      GROUP BY 1, 2`;
    return rows.map((row) => ({ day: row.day, code: row.code, orders: Number(row.n) }));
  }

  /** Delivered orders paid in [from, to) per day and DELIVERY_BUCKETS_S bucket (the index past the last bound: the rest). */
  async deliveryTimesByDay(from: Date, to: Date): Promise<Array<{ day: string; bucket: number; orders: number }>> {
    const seconds =
      this.provider === "postgresql"
        ? Prisma.sql`EXTRACT(EPOCH FROM ("deliveredAt" - "paidAt"))`
        : Prisma.sql`((julianday("deliveredAt") - julianday("paidAt")) * 86400.0)`;
    const cases = Prisma.join(
      DELIVERY_BUCKETS_S.map((bound, index) => Prisma.sql`WHEN "s" < ${Prisma.raw(String(bound))} THEN ${Prisma.raw(String(index))}`),
      " ",
    );
    // The seconds are computed once per order, in the inner query, not once per bucket.
    const rows = await this.prisma.$queryRaw<Array<{ day: string; bucket: number | bigint; n: number | bigint }>>`
      SELECT "day", CASE ${cases} ELSE ${Prisma.raw(String(DELIVERY_BUCKETS_S.length))} END AS "bucket", COUNT(*) AS "n"
      FROM (SELECT ${this.day} AS "day", ${seconds} AS "s" FROM ${this.table}
            WHERE "paidAt" >= ${from} AND "paidAt" < ${to} AND "deliveredAt" IS NOT NULL) AS "times"
      GROUP BY 1, 2`;
    return rows.map((row) => ({ day: row.day, bucket: Number(row.bucket), orders: Number(row.n) }));
  }

  /** The earliest payment time among paid orders written (created or changed) at or after `since`; null when none. */
  async earliestPaidChangedSince(since: Date): Promise<Date | null> {
    const row = await this.prisma.order.aggregate({ where: { updatedAt: { gte: since }, paidAt: { not: null } }, _min: { paidAt: true } });
    return row._min.paidAt;
  }
}
