/**
 * Broadcast deliveries: claimed in batches and settled one by one. A claim is
 * the one claim of claim-rows.ts, and the same statement marks the rows
 * `sending` and counts the attempt: from then on a row is only sent again if
 * Telegram said it refused the send (`retryAt`). A `sending` row whose lease
 * ran out belonged to a process that died mid-send; whether Telegram got it
 * is unknown, so it is settled as failed rather than sent a second time.
 */
import type { DeliveryStatus } from "../domain/broadcast.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows } from "./claim-rows.ts";
import type { DatabaseProvider } from "./client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** A claimed delivery with what it takes to send it. */
export interface ClaimedDelivery {
  id: string;
  broadcastId: string;
  userId: number;
  languageCode: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** The traveller opted out of news since the broadcast was confirmed. */
  optedOut: boolean;
  /** The traveller blocked the bot since the broadcast was confirmed. */
  blocked: boolean;
}

/** What an abandoned send is recorded as. */
export const OUTCOME_UNKNOWN = "the sending process stopped before Telegram answered; not sent again (at most once)";

/** Delivery rows in the shop's database. */
export class BroadcastDeliveriesRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: DatabaseProvider,
  ) {}

  /** Claims up to `limit` due deliveries, marking them sending for `leaseMs`; oldest first. */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const claimed = await claimRows<{ id: string }>(this.prisma, this.provider, {
      table: "BroadcastDelivery",
      key: "id",
      due: Prisma.sql`"status" = 'pending' AND "nextAttemptAt" <= ${now}`,
      orderBy: "nextAttemptAt",
      leaseColumn: "leaseUntil",
      leaseUntil: new Date(now.getTime() + leaseMs),
      now,
      alsoSet: Prisma.sql`"status" = 'sending', "attempts" = "attempts" + 1`,
      limit,
      returning: ["id"],
    });
    if (claimed.length === 0) return [];
    const rows = await this.prisma.broadcastDelivery.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      include: { user: { select: { newsOptOutAt: true, blockedAt: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      broadcastId: row.broadcastId,
      userId: Number(row.userId),
      languageCode: row.languageCode,
      attempts: row.attempts,
      optedOut: row.user.newsOptOutAt !== null,
      blocked: row.user.blockedAt !== null,
    }));
  }

  /** Telegram took these messages. */
  async markSent(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.broadcastDelivery.updateMany({ where: { id: { in: ids } }, data: { status: "sent", sentAt: at, leaseUntil: null } });
  }

  /** Settles deliveries that will not be sent: blocked, skipped (opted out) or failed. */
  async settle(ids: string[], status: Extract<DeliveryStatus, "blocked" | "skipped" | "failed">, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.broadcastDelivery.updateMany({
      where: { id: { in: ids } },
      data: { status, lastError: reason.slice(0, 500), leaseUntil: null },
    });
  }

  /** Telegram refused the send (it was not delivered): try again at `at`. */
  async retryAt(id: string, at: Date, reason: string): Promise<void> {
    await this.prisma.broadcastDelivery.update({
      where: { id },
      data: { status: "pending", nextAttemptAt: at, lastError: reason.slice(0, 500), leaseUntil: null },
    });
  }

  /**
   * Settles as failed every `sending` delivery whose lease ran out by `now`
   * (its process died); returns how many.
   */
  async failAbandoned(now: Date): Promise<number> {
    const changed = await this.prisma.broadcastDelivery.updateMany({
      where: { status: "sending", leaseUntil: { lt: now } },
      data: { status: "failed", lastError: OUTCOME_UNKNOWN, leaseUntil: null },
    });
    return changed.count;
  }
}
