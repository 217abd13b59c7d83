/**
 * The notification outbox: rows decided in the same transaction as the
 * reading that called for them, sent after commit, retried on failure.
 * A claim is one UPDATE … RETURNING with a lease (see claim-rows.ts), so two
 * senders never send the same row at once, and a crashed sender's rows are
 * picked up again.
 */
import type { LifecycleNotice, NoticeFigures } from "../domain/lifecycle.ts";
import type { EsimStatus } from "../domain/order.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows, leaseFree } from "./claim-rows.ts";
import type { DatabaseProvider } from "./client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** Outbox rows in the shop's database. */
export class NotificationsRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: DatabaseProvider,
  ) {}

  /**
   * Claims up to `limit` due rows for `leaseMs` in one statement, then reads
   * what it takes to send them in one more: oldest first.
   */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<LifecycleNotice[]> {
    const claimed = await claimRows<{ id: string }>(this.prisma, this.provider, {
      table: "Notification",
      key: "id",
      due: Prisma.sql`"status" = 'pending' AND "nextAttemptAt" <= ${now} AND ${leaseFree("leaseUntil", now)}`,
      orderBy: "nextAttemptAt",
      leaseColumn: "leaseUntil",
      leaseUntil: new Date(now.getTime() + leaseMs),
      now,
      limit,
      returning: ["id"],
    });
    if (claimed.length === 0) return [];
    const rows = await findWithRecipient(this.prisma, claimed.map((row) => row.id));
    return rows.map(toNotice);
  }

  /** The row was delivered. */
  async markSent(id: string, at: Date): Promise<void> {
    await this.prisma.notification.update({ where: { id }, data: { status: "sent", sentAt: at, leaseUntil: null } });
  }

  /** The row will not be sent: the user blocked the bot, or it failed for good. */
  async markDropped(id: string, status: "skipped" | "failed", reason: string): Promise<void> {
    await this.prisma.notification.update({ where: { id }, data: { status, lastError: reason.slice(0, 500), leaseUntil: null } });
  }

  /** The send failed; try again at `at`. */
  async retryAt(id: string, at: Date, attempts: number, reason: string): Promise<void> {
    await this.prisma.notification.update({
      where: { id },
      data: { nextAttemptAt: at, attempts, lastError: reason.slice(0, 500), leaseUntil: null },
    });
  }

  /** Counts rows by status (for reports and tests). */
  async countByStatus(): Promise<Record<string, number>> {
    const groups = await this.prisma.notification.groupBy({ by: ["status"], _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }
}

function toNotice(row: NotificationWithRecipient): LifecycleNotice {
  return {
    id: row.id,
    kind: row.kind as LifecycleNotice["kind"],
    attempts: row.attempts,
    userId: Number(row.userId),
    chatId: Number(row.esim.order.chatId),
    language: row.esim.user.languageCode ?? row.esim.order.languageCode,
    blocked: row.esim.user.blockedAt !== null,
    esim: {
      id: row.esim.id,
      destinationCode: row.esim.destinationCode,
      planName: row.esim.planName,
      iccid: row.esim.iccid,
      status: row.esim.status as EsimStatus,
    },
    figures: JSON.parse(row.payload) as NoticeFigures,
  };
}

type NotificationWithRecipient = Awaited<ReturnType<typeof findWithRecipient>>[number];

/** Claimed rows with their eSIM, order and user, oldest first; a named query, so its row type can be spelled. */
function findWithRecipient(prisma: ShopPrisma, ids: string[]) {
  return prisma.notification.findMany({
    where: { id: { in: ids } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    include: { esim: { include: { order: { select: { chatId: true, languageCode: true } }, user: true } } },
  });
}
