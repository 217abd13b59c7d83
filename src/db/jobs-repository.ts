/**
 * Fulfilment jobs: one row per paid order, claimed with a lease so that a
 * crashed worker's job is picked up again and two workers never run one job
 * at the same time. The claim is a conditional update, which both SQLite and
 * PostgreSQL apply atomically.
 */
import type { ShopPrisma } from "./prisma-types.ts";

/** A fulfilment job as the worker sees it. */
export interface FulfilmentJob {
  orderId: string;
  status: "pending" | "done" | "failed";
  attempts: number;
  runAt: Date;
  deadlineAt: Date;
  lastError: string | null;
  preparingNoticeAt: Date | null;
}

type JobRow = Awaited<ReturnType<ShopPrisma["fulfilmentJob"]["findUniqueOrThrow"]>>;

/** Fulfilment jobs in the shop's database. */
export class JobsRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Claims up to `limit` due jobs for `leaseMs`; returns the ones this caller won. */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<FulfilmentJob[]> {
    const due = await this.prisma.fulfilmentJob.findMany({
      where: { status: "pending", runAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      orderBy: { runAt: "asc" },
      take: limit,
      select: { orderId: true },
    });
    const claimed: FulfilmentJob[] = [];
    for (const { orderId } of due) {
      const won = await this.prisma.fulfilmentJob.updateMany({
        where: { orderId, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        data: { leaseUntil: new Date(now.getTime() + leaseMs) },
      });
      if (won.count === 1) claimed.push(toJob(await this.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId } })));
    }
    return claimed;
  }

  /** Releases the job to run again at `runAt` after a failed attempt. */
  async retryAt(orderId: string, runAt: Date, attempts: number, lastError: string): Promise<void> {
    await this.prisma.fulfilmentJob.update({
      where: { orderId },
      data: { runAt, attempts, lastError: lastError.slice(0, 500), leaseUntil: null },
    });
  }

  /** Remembers that the buyer was told the eSIM is being prepared (told once). */
  async markPreparingNotice(orderId: string, at: Date): Promise<void> {
    await this.prisma.fulfilmentJob.update({ where: { orderId }, data: { preparingNoticeAt: at } });
  }

  /** Ends the job: done (delivered) or failed (refunded or handed to the operator). */
  async finish(orderId: string, status: "done" | "failed", lastError?: string): Promise<void> {
    await this.prisma.fulfilmentJob.update({
      where: { orderId },
      data: { status, leaseUntil: null, ...(lastError ? { lastError: lastError.slice(0, 500) } : {}) },
    });
  }
}

function toJob(row: JobRow): FulfilmentJob {
  return {
    orderId: row.orderId,
    status: row.status as FulfilmentJob["status"],
    attempts: row.attempts,
    runAt: row.runAt,
    deadlineAt: row.deadlineAt,
    lastError: row.lastError,
    preparingNoticeAt: row.preparingNoticeAt,
  };
}
