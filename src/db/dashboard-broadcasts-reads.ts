/** The dashboard's broadcast history: the latest broadcasts with their delivery tallies. */
import { emptyTally, type Audience, type BroadcastTally, type DeliveryStatus } from "../domain/broadcast.ts";
import { parseAudience, parseContent } from "./broadcast-json.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** One broadcast as the history shows it. */
export interface BroadcastSummary {
  id: string;
  createdAt: Date;
  finishedAt: Date | null;
  operatorId: number;
  audience: Audience;
  /** The text or the photo's caption. */
  text: string;
  photo: boolean;
  recipients: number;
  status: string;
  tally: BroadcastTally;
}

/** Reads of the broadcast history. */
export class DashboardBroadcastsReads {
  constructor(private readonly prisma: ShopPrisma) {}

  /** The latest `limit` broadcasts, newest first, each with its tally (one grouped query for all of them). */
  async latest(limit: number): Promise<BroadcastSummary[]> {
    const rows = await this.prisma.broadcast.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
    const groups = rows.length
      ? await this.prisma.broadcastDelivery.groupBy({ by: ["broadcastId", "status"], where: { broadcastId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })
      : [];
    const tallies = new Map<string, BroadcastTally>();
    for (const group of groups) {
      const tally = tallies.get(group.broadcastId) ?? emptyTally();
      tally[group.status as DeliveryStatus] = group._count._all;
      tallies.set(group.broadcastId, tally);
    }
    return rows.map((row) => {
      const content = parseContent(row.content);
      return {
        id: row.id,
        createdAt: row.createdAt,
        finishedAt: row.finishedAt,
        operatorId: Number(row.operatorId),
        audience: parseAudience(row.audience),
        text: content.kind === "text" ? content.text : content.caption,
        photo: content.kind === "photo",
        recipients: row.recipients,
        status: row.status,
        tally: tallies.get(row.id) ?? emptyTally(),
      };
    });
  }
}
