/**
 * The notification outbox: rows decided in the same transaction as the
 * reading that called for them, sent after commit, retried on failure.
 * A claim is a conditional update with a lease, so two senders never send
 * the same row at once, and a crashed sender's rows are picked up again.
 */
import type { LifecycleNotice, NoticeFigures } from "../domain/lifecycle.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** Outbox rows in the shop's database. */
export class NotificationsRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Claims up to `limit` due rows for `leaseMs`, with what it takes to send them. */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<LifecycleNotice[]> {
    const due = await this.prisma.notification.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      orderBy: { nextAttemptAt: "asc" },
      take: limit,
      select: { id: true },
    });
    const claimed: LifecycleNotice[] = [];
    for (const { id } of due) {
      const won = await this.prisma.notification.updateMany({
        where: { id, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        data: { leaseUntil: new Date(now.getTime() + leaseMs) },
      });
      if (won.count !== 1) continue;
      const row = await this.prisma.notification.findUniqueOrThrow({
        where: { id },
        include: { esim: { include: { order: { select: { chatId: true, languageCode: true } }, user: true } } },
      });
      claimed.push({
        id: row.id,
        kind: row.kind as LifecycleNotice["kind"],
        attempts: row.attempts,
        userId: Number(row.userId),
        chatId: Number(row.esim.order.chatId),
        language: row.esim.user.languageCode ?? row.esim.order.languageCode,
        blocked: row.esim.user.blockedAt !== null,
        esim: { id: row.esim.id, destinationCode: row.esim.destinationCode, planName: row.esim.planName, iccid: row.esim.iccid },
        figures: JSON.parse(row.payload) as NoticeFigures,
      });
    }
    return claimed;
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
