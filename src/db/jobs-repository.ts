/**
 * Fulfilment jobs: one row per paid order, claimed with a lease so that a
 * crashed worker's job is picked up again and two workers never run one job
 * at the same time. The claim is one UPDATE … RETURNING (see claim-rows.ts).
 *
 * The lease value is also the claim's token: a claim only takes a job whose
 * lease ran out, and sets a later one, so a worker that still finds its own
 * value in the row still holds the job (extendLease, retryAt).
 */
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows, leaseFree } from "./claim-rows.ts";
import type { DatabaseProvider } from "./client.ts";
import type { ShopPrisma, ShopTransaction } from "./prisma-types.ts";

/** A fulfilment job as the worker sees it. */
export interface FulfilmentJob {
  orderId: string;
  status: "pending" | "done" | "failed";
  attempts: number;
  runAt: Date;
  deadlineAt: Date;
  lastError: string | null;
  preparingNoticeAt: Date | null;
  /** When an upstream request whose outcome is unknown was first sent; null: never (a "not found" is then definitive). */
  outcomeUnknownSince: Date | null;
  /** The latest such request. */
  outcomeUnknownLastAt: Date | null;
  /** When the buyer and the operator were told it is still being reconciled past the deadline. */
  reconcileNoticeAt: Date | null;
  /** How many of the delivery's messages Telegram has accepted (a retry sends only the rest). */
  messagesSent: number;
  /** The lease this claim set: the job is this worker's while the row still has it. */
  leaseUntil: Date;
}

/** A job as the claim returns it (raw SQL: the driver decides the value types). */
interface JobRow {
  orderId: string;
  status: string;
  attempts: number | bigint;
  runAt: Date | string;
  deadlineAt: Date | string;
  lastError: string | null;
  preparingNoticeAt: Date | string | null;
  outcomeUnknownSince: Date | string | null;
  outcomeUnknownLastAt: Date | string | null;
  reconcileNoticeAt: Date | string | null;
  messagesSent: number | bigint;
  leaseUntil: Date | string;
}

/** Fulfilment jobs in the shop's database. */
export class JobsRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: DatabaseProvider,
  ) {}

  /** Claims up to `limit` due jobs for `leaseMs` in one statement; returns the ones this caller won, oldest first. */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<FulfilmentJob[]> {
    const rows = await claimRows<JobRow>(this.prisma, this.provider, {
      table: "FulfilmentJob",
      key: "orderId",
      due: Prisma.sql`"status" = 'pending' AND "runAt" <= ${now} AND ${leaseFree("leaseUntil", now)}`,
      orderBy: "runAt",
      leaseColumn: "leaseUntil",
      leaseUntil: new Date(now.getTime() + leaseMs),
      now,
      limit,
      returning: [
        "orderId",
        "status",
        "attempts",
        "runAt",
        "deadlineAt",
        "lastError",
        "preparingNoticeAt",
        "outcomeUnknownSince",
        "outcomeUnknownLastAt",
        "reconcileNoticeAt",
        "messagesSent",
        "leaseUntil",
      ],
    });
    return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  }

  /**
   * Releases the job to run again at `runAt` after a failed attempt, if it is
   * still leased until `heldUntil` (this worker's claim); false when another
   * worker has taken it over meanwhile, whose claim then stands.
   */
  async retryAt(orderId: string, heldUntil: Date, runAt: Date, attempts: number, lastError: string): Promise<boolean> {
    const { count } = await this.prisma.fulfilmentJob.updateMany({
      where: { orderId, status: "pending", leaseUntil: heldUntil },
      data: { runAt, attempts, lastError: lastError.slice(0, 500), leaseUntil: null },
    });
    return count > 0;
  }

  /**
   * Moves the lease of a job this worker holds (leased until `heldUntil`) to
   * `until`, recording `messagesSent` with it when given; false when it no
   * longer holds it: its lease ran out and another worker claimed the job,
   * or the job ended.
   */
  async extendLease(orderId: string, heldUntil: Date, until: Date, now: Date, messagesSent?: number): Promise<boolean> {
    const { count } = await this.prisma.fulfilmentJob.updateMany({
      where: { orderId, status: "pending", leaseUntil: heldUntil },
      data: { leaseUntil: until, updatedAt: now, ...(messagesSent === undefined ? {} : { messagesSent }) },
    });
    return count > 0;
  }

  /** Remembers that the buyer was told the eSIM is being prepared (told once). */
  async markPreparingNotice(orderId: string, at: Date): Promise<void> {
    await this.prisma.fulfilmentJob.update({ where: { orderId }, data: { preparingNoticeAt: at } });
  }

  /**
   * Remembers that an upstream order or top-up was sent at `at` and its
   * outcome is unknown (timeout, 5xx): from now on a retry looks the order up
   * first, and "not found" is trusted only once the request has settled.
   */
  async noteOutcomeUnknown(job: FulfilmentJob, at: Date): Promise<void> {
    await this.prisma.fulfilmentJob.update({
      where: { orderId: job.orderId },
      data: { outcomeUnknownSince: job.outcomeUnknownSince ?? at, outcomeUnknownLastAt: at },
    });
  }

  /** Puts back what the job knew before a request that turned out to be refused for good (it created nothing upstream). */
  async restoreOutcomeUnknown(job: FulfilmentJob): Promise<void> {
    await this.prisma.fulfilmentJob.update({
      where: { orderId: job.orderId },
      data: { outcomeUnknownSince: job.outcomeUnknownSince, outcomeUnknownLastAt: job.outcomeUnknownLastAt },
    });
  }

  /** Remembers that the buyer and the operator were told the order is still being reconciled (told once). */
  async markReconcileNotice(orderId: string, at: Date): Promise<void> {
    await this.prisma.fulfilmentJob.update({ where: { orderId }, data: { reconcileNoticeAt: at } });
  }

  /** Ends the job: done (delivered, or nothing left to do) or failed (a refund decided, or handed to the operator). */
  async finish(orderId: string, status: "done" | "failed", lastError?: string): Promise<void> {
    await finishJob(this.prisma, orderId, status, lastError);
  }
}

/** Ends a job, also inside a caller's transaction (a refund decision ends its job with it). */
export async function finishJob(db: ShopPrisma | ShopTransaction, orderId: string, status: "done" | "failed", lastError?: string): Promise<void> {
  await db.fulfilmentJob.update({
    where: { orderId },
    data: { status, leaseUntil: null, ...(lastError ? { lastError: lastError.slice(0, 500) } : {}) },
  });
}

function toJob(row: JobRow): FulfilmentJob {
  return {
    orderId: row.orderId,
    status: row.status as FulfilmentJob["status"],
    attempts: Number(row.attempts),
    runAt: new Date(row.runAt),
    deadlineAt: new Date(row.deadlineAt),
    lastError: row.lastError,
    preparingNoticeAt: dateOrNull(row.preparingNoticeAt),
    outcomeUnknownSince: dateOrNull(row.outcomeUnknownSince),
    outcomeUnknownLastAt: dateOrNull(row.outcomeUnknownLastAt),
    reconcileNoticeAt: dateOrNull(row.reconcileNoticeAt),
    messagesSent: Number(row.messagesSent),
    leaseUntil: new Date(row.leaseUntil),
  };
}

function dateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
