/**
 * The dashboard's eSIMs table: newest first, paged, filtered to active ones,
 * those low on data, or those whose validity ends soon.
 */
import type { Prisma } from "../generated/sqlite/client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** Which eSIMs the table shows. */
export type EsimFilter = "all" | "active" | "low-data" | "expiring";

/** One row. */
export interface EsimRow {
  id: string;
  iccid: string;
  userId: number;
  destinationCode: string;
  planName: string;
  status: string;
  dataMb: number;
  usedMb: number;
  expiresAt: Date | null;
  createdAt: Date;
}

const LIVE = ["active", "topped_up"];

/** Reads of the eSIMs table. */
export class DashboardEsimsReads {
  constructor(private readonly prisma: ShopPrisma) {}

  /**
   * A page of eSIMs. Low data compares two columns, which Prisma's filters
   * cannot, so that filter is one SQL statement over live eSIMs (few,
   * compared with orders) that picks the ids.
   */
  async page(filter: EsimFilter, rules: { lowDataPercent: number; expiringBefore: Date; now: Date }, page: { skip: number; take: number }): Promise<{ rows: EsimRow[]; total: number }> {
    const where = await this.toWhere(filter, rules);
    const [rows, total] = await Promise.all([
      this.prisma.esim.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: page.skip,
        take: page.take,
        select: { id: true, iccid: true, userId: true, destinationCode: true, planName: true, status: true, dataMb: true, usedMb: true, expiresAt: true, createdAt: true },
      }),
      this.prisma.esim.count({ where }),
    ]);
    return { rows: rows.map((row) => ({ ...row, userId: Number(row.userId) })), total };
  }

  private async toWhere(filter: EsimFilter, rules: { lowDataPercent: number; expiringBefore: Date; now: Date }): Promise<Prisma.EsimWhereInput> {
    switch (filter) {
      case "all":
        return {};
      case "active":
        return { status: { in: LIVE } };
      case "expiring":
        return { status: { in: LIVE }, expiresAt: { gt: rules.now, lte: rules.expiringBefore } };
      case "low-data": {
        const usedShare = 100 - rules.lowDataPercent;
        const ids = await this.prisma.$queryRaw<Array<{ id: string }>>`
          SELECT "id" FROM "Esim" WHERE "status" IN ('active', 'topped_up') AND "usedMb" * 100 >= "dataMb" * ${usedShare}`;
        return { id: { in: ids.map((row) => row.id) } };
      }
    }
  }
}
