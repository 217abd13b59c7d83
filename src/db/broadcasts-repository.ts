/**
 * Broadcasts in the database: audiences counted, a broadcast created with a
 * delivery per recipient and its audit entry in one transaction, progress
 * and the end of a broadcast. The deliveries themselves are claimed and
 * settled in broadcast-deliveries-repository.ts.
 */
import type { NewAuditEntry } from "../domain/audit.ts";
import { emptyTally, type Audience, type BroadcastContent, type BroadcastTally, type DeliveryStatus } from "../domain/broadcast.ts";
import { insertAuditEntry } from "./audit-repository.ts";
import { audienceCondition, RECIPIENT_LANGUAGE } from "./broadcast-audience.ts";
import { parseAudience, parseContent } from "./broadcast-json.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** A broadcast to create at confirm. */
export interface NewBroadcast {
  /** The draft's id: creating the same broadcast twice fails on it (P2002). */
  id: string;
  operatorId: number;
  operatorChatId: number;
  /** The operator's language, for progress and the tally. */
  languageCode: string;
  content: BroadcastContent;
  audience: Audience;
  createdAt: Date;
}

/** A broadcast as the sender and the operator see it. */
export interface Broadcast extends NewBroadcast {
  recipients: number;
  status: "sending" | "done";
  progressMessageId: number | null;
  finishedAt: Date | null;
}

/** Broadcast rows in the shop's database. */
export class BroadcastsRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** How many travellers `audience` holds at `now`. */
  async audienceSize(audience: Audience, now: Date): Promise<number> {
    const rows = await this.prisma.$queryRaw<Array<{ n: number | bigint }>>`
      SELECT COUNT(*) AS "n" FROM "User" u WHERE ${audienceCondition(audience, now)}`;
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Creates the broadcast, one pending delivery per traveller in its audience
   * and the audit entry, in one transaction; returns the number of
   * recipients. Nothing is written when the audience is empty (0). Throws
   * P2002 (see isUniqueViolation) when the broadcast or the entry's action
   * key exists: it was created before.
   */
  async create(broadcast: NewBroadcast, audit: (recipients: number) => NewAuditEntry): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.broadcast.create({
        data: {
          id: broadcast.id,
          operatorId: BigInt(broadcast.operatorId),
          operatorChatId: BigInt(broadcast.operatorChatId),
          languageCode: broadcast.languageCode,
          content: JSON.stringify(broadcast.content),
          audience: JSON.stringify(broadcast.audience),
          recipients: 0,
          status: "sending",
          createdAt: broadcast.createdAt,
        },
      });
      // One statement for any number of recipients. Values come from the broadcast row, not from
      // bound parameters, which PostgreSQL could not type inside a SELECT list.
      const recipients = await tx.$executeRaw`
        INSERT INTO "BroadcastDelivery"
          ("id", "broadcastId", "userId", "languageCode", "status", "attempts", "nextAttemptAt", "createdAt", "updatedAt")
        SELECT b."id" || ':' || CAST(u."id" AS TEXT), b."id", u."id", ${RECIPIENT_LANGUAGE}, 'pending', 0,
               b."createdAt", b."createdAt", b."createdAt"
        FROM "User" u, "Broadcast" b
        WHERE b."id" = ${broadcast.id} AND ${audienceCondition(broadcast.audience, broadcast.createdAt)}`;
      if (recipients === 0) throw new EmptyAudience();
      await tx.broadcast.update({ where: { id: broadcast.id }, data: { recipients } });
      await insertAuditEntry(tx, audit(recipients));
      return recipients;
    }).catch((error: unknown) => {
      if (error instanceof EmptyAudience) return 0;
      throw error;
    });
  }

  /** A broadcast by id, or null. */
  async find(id: string): Promise<Broadcast | null> {
    const row = await this.prisma.broadcast.findUnique({ where: { id } });
    return row ? toBroadcast(row) : null;
  }

  /** Broadcasts still sending, oldest first. */
  async sending(): Promise<Broadcast[]> {
    const rows = await this.prisma.broadcast.findMany({ where: { status: "sending" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(toBroadcast);
  }

  /** Remembers the progress message in the operator's chat. */
  async setProgressMessage(id: string, messageId: number): Promise<void> {
    await this.prisma.broadcast.update({ where: { id }, data: { progressMessageId: messageId } });
  }

  /** Deliveries of a broadcast by status. */
  async tally(id: string): Promise<BroadcastTally> {
    const groups = await this.prisma.broadcastDelivery.groupBy({ by: ["status"], where: { broadcastId: id }, _count: { _all: true } });
    const tally = emptyTally();
    for (const group of groups) tally[group.status as DeliveryStatus] = group._count._all;
    return tally;
  }

  /** Marks a sending broadcast done; false when it was already (another process finished it). */
  async finish(id: string, at: Date): Promise<boolean> {
    const changed = await this.prisma.broadcast.updateMany({ where: { id, status: "sending" }, data: { status: "done", finishedAt: at } });
    return changed.count > 0;
  }
}

/** Thrown inside the transaction to roll back a broadcast nobody would receive. */
class EmptyAudience extends Error {}

type BroadcastRow = Awaited<ReturnType<ShopPrisma["broadcast"]["findFirstOrThrow"]>>;

function toBroadcast(row: BroadcastRow): Broadcast {
  return {
    id: row.id,
    operatorId: Number(row.operatorId),
    operatorChatId: Number(row.operatorChatId),
    languageCode: row.languageCode,
    content: parseContent(row.content),
    audience: parseAudience(row.audience),
    createdAt: row.createdAt,
    recipients: row.recipients,
    status: row.status === "done" ? "done" : "sending",
    progressMessageId: row.progressMessageId,
    finishedAt: row.finishedAt,
  };
}
