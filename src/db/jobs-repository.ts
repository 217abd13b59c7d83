/**
 * Fulfilment jobs: one row per paid order, claimed with a lease so that a
 * crashed worker's job is picked up again and two workers never run one job
 * at the same time. The claim is one UPDATE … RETURNING (see claim-rows.ts).
 */
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows, leaseFree } from "./claim-rows.ts";
import type { DatabaseProvider } from "./client.ts";
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

/** A job as the claim returns it (raw SQL: the driver decides the value types). */
interface JobRow {
  orderId: string;
  status: string;
  attempts: number | bigint;
  runAt: Date | string;
  deadlineAt: Date | string;
  lastError: string | null;
  preparingNoticeAt: Date | string | null;
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
      returning: ["orderId", "status", "attempts", "runAt", "deadlineAt", "lastError", "preparingNoticeAt"],
    });
    return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
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
    attempts: Number(row.attempts),
    runAt: new Date(row.runAt),
    deadlineAt: new Date(row.deadlineAt),
    lastError: row.lastError,
    preparingNoticeAt: row.preparingNoticeAt === null ? null : new Date(row.preparingNoticeAt),
  };
}
