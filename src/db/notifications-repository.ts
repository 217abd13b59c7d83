/**
 * The notification outbox: rows decided in the same transaction as the
 * reading that called for them, sent after commit, retried on failure.
 * A claim is one UPDATE … RETURNING with a lease (see claim-rows.ts), so two
 * senders never send the same row at once, and a crashed sender's rows are
 * picked up again. The lease value is the claim's token, as for fulfilment
 * jobs: a sender renews it while it holds the row (extendLease) and hands the
 * row back for a retry only while it still holds it (retryAt).
 */
import type { LifecycleNotice, NoticeFigures } from "../domain/lifecycle.ts";
import type { EsimStatus } from "../domain/order.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows, leaseFree } from "./claim-rows.ts";
import type { DatabaseProvider } from "./client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** A claimed row: the notice and the lease it was claimed with (the claim's token). */
export type ClaimedNotice = LifecycleNotice & { leaseUntil: Date };

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
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<ClaimedNotice[]> {
    const claimed = await claimRows<{ id: string; leaseUntil: Date | string }>(this.prisma, this.provider, {
      table: "Notification",
      key: "id",
      due: Prisma.sql`"status" = 'pending' AND "nextAttemptAt" <= ${now} AND ${leaseFree("leaseUntil", now)}`,
      orderBy: "nextAttemptAt",
      leaseColumn: "leaseUntil",
      leaseUntil: new Date(now.getTime() + leaseMs),
      now,
      limit,
      returning: ["id", "leaseUntil"],
    });
    if (claimed.length === 0) return [];
    const leases = new Map(claimed.map((row) => [row.id, new Date(row.leaseUntil)]));
    const rows = await findWithRecipient(this.prisma, [...leases.keys()]);
    return rows.map((row) => ({ ...toNotice(row), leaseUntil: leases.get(row.id)! }));
  }

  /**
   * Moves the lease of a row this sender holds (leased until `heldUntil`) to
   * `until`; false when it no longer holds it: its lease ran out and another
   * sender claimed the row, or the row was settled.
   */
  async extendLease(id: string, heldUntil: Date, until: Date, now: Date): Promise<boolean> {
    const { count } = await this.prisma.notification.updateMany({
      where: { id, status: "pending", leaseUntil: heldUntil },
      data: { leaseUntil: until, updatedAt: now },
    });
    return count > 0;
  }

  /** The row was delivered. */
  async markSent(id: string, at: Date): Promise<void> {
    await this.prisma.notification.update({ where: { id }, data: { status: "sent", sentAt: at, leaseUntil: null } });
  }

  /** The row will not be sent: the user blocked the bot, or it failed for good. */
  async markDropped(id: string, status: "skipped" | "failed", reason: string): Promise<void> {
    await this.prisma.notification.update({ where: { id }, data: { status, lastError: reason.slice(0, 500), leaseUntil: null } });
  }

  /**
   * The send failed; try again at `at`, if the row is still leased until
   * `heldUntil` (this sender's claim). False when another sender has taken it
   * over meanwhile, whose claim then stands.
   */
  async retryAt(id: string, heldUntil: Date, at: Date, attempts: number, reason: string): Promise<boolean> {
    const { count } = await this.prisma.notification.updateMany({
      where: { id, status: "pending", leaseUntil: heldUntil },
      data: { nextAttemptAt: at, attempts, lastError: reason.slice(0, 500), leaseUntil: null },
    });
    return count > 0;
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
