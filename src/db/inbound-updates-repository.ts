/**
 * Telegram updates received by webhook (the InboundUpdate table): stored
 * before Telegram is answered, then claimed by workers on any instance.
 *
 * A claim takes, per chat, only the chat's oldest unfinished update, and only
 * while no update of that chat is being handled; the partial unique index on
 * `chatKey` WHERE status = 'processing' makes the database refuse a second
 * one even if two claimers race. A claimed update carries a lease that its
 * worker renews; when a worker dies the lease runs out and the update is
 * claimed again (at least once). The claim is one UPDATE … RETURNING, like
 * every other worker table (claim-rows.ts).
 */
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows } from "./claim-rows.ts";
import type { DatabaseProvider } from "./client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** An update a worker has claimed. */
export interface ClaimedUpdate {
  updateId: number;
  chatKey: string;
  /** The update's JSON as Telegram sent it. */
  payload: string;
  /** Claims so far, this one included: above 1, a worker died (or ran out of lease) while handling it. */
  attempts: number;
}

/** An update to store. */
export interface IncomingUpdate {
  updateId: number;
  chatKey: string;
  payload: string;
}

interface ClaimedRow {
  updateId: number | bigint;
  chatKey: string;
  payload: string;
  attempts: number | bigint;
}

/** The InboundUpdate table. */
export class InboundUpdatesRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: DatabaseProvider,
  ) {}

  /** Stores the update as pending; false when it was stored before (a redelivery), which changes nothing. */
  async store(update: IncomingUpdate, now: Date): Promise<boolean> {
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO "InboundUpdate" ("updateId", "chatKey", "payload", "status", "attempts", "receivedAt", "updatedAt")
      VALUES (${update.updateId}, ${update.chatKey}, ${update.payload}, 'pending', 0, ${now}, ${now})
      ON CONFLICT ("updateId") DO NOTHING`;
    return inserted > 0;
  }

  /**
   * Claims up to `limit` updates, each the oldest unfinished one of a chat
   * none of whose updates is being handled, or one whose worker's lease ran
   * out. Returns [] when another claimer won the race for a chat (the
   * database refused the second `processing` row); the caller tries again.
   */
  async claim(now: Date, leaseMs: number, limit: number): Promise<ClaimedUpdate[]> {
    try {
      const rows = await claimRows<ClaimedRow>(this.prisma, this.provider, {
        table: "InboundUpdate",
        key: "updateId",
        due: claimable(now),
        orderBy: "updateId",
        leaseColumn: "leaseUntil",
        leaseUntil: new Date(now.getTime() + leaseMs),
        now,
        alsoSet: Prisma.sql`"status" = 'processing', "attempts" = "attempts" + 1`,
        limit,
        returning: ["updateId", "chatKey", "payload", "attempts"],
      });
      return rows.map(toClaimed).sort((a, b) => a.updateId - b.updateId);
    } catch (error) {
      if (isUniqueRefusal(error)) return [];
      throw error;
    }
  }

  /** Extends the leases of updates this worker still holds (claimed with these attempt counts). */
  async renew(held: readonly ClaimedUpdate[], leaseUntil: Date, now: Date): Promise<void> {
    for (const update of held) {
      await this.prisma.inboundUpdate.updateMany({
        where: { updateId: update.updateId, status: "processing", attempts: update.attempts },
        data: { leaseUntil, updatedAt: now },
      });
    }
  }

  /**
   * Records the outcome of handling a claimed update. False when the claim
   * was no longer this worker's (its lease ran out and another took it over).
   */
  async finish(update: ClaimedUpdate, status: "done" | "failed", now: Date): Promise<boolean> {
    const { count } = await this.prisma.inboundUpdate.updateMany({
      where: { updateId: update.updateId, status: "processing", attempts: update.attempts },
      data: { status, handledAt: now, leaseUntil: null },
    });
    return count > 0;
  }

  /** Deletes finished updates handled before `cutoff` (redeliveries come within minutes); returns how many went. */
  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.inboundUpdate.deleteMany({
      where: { status: { in: ["done", "failed"] }, handledAt: { lt: cutoff } },
    });
    return count;
  }

  /** How many updates wait or are being handled (for readiness and tests). */
  unfinished(): Promise<number> {
    return this.prisma.inboundUpdate.count({ where: { status: { in: ["pending", "processing"] } } });
  }
}

/**
 * The rows a claim may take. Inside claimRows' subquery the unaliased
 * "InboundUpdate" is the candidate row; `o` is any other row of its chat.
 */
function claimable(now: Date): Prisma.Sql {
  return Prisma.sql`(
    ("status" = 'pending'
      AND NOT EXISTS (
        SELECT 1 FROM "InboundUpdate" o
        WHERE o."chatKey" = "InboundUpdate"."chatKey"
          AND (o."status" = 'processing' OR (o."status" = 'pending' AND o."updateId" < "InboundUpdate"."updateId"))))
    OR ("status" = 'processing' AND "leaseUntil" < ${now}))`;
}

/** The database refused a second `processing` update of one chat (a unique violation, as Prisma reports raw queries). */
function isUniqueRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return code === "P2002" || (code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}

function toClaimed(row: ClaimedRow): ClaimedUpdate {
  return { updateId: Number(row.updateId), chatKey: row.chatKey, payload: row.payload, attempts: Number(row.attempts) };
}
