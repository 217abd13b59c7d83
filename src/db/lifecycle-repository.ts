/**
 * eSIMs as the lifecycle scheduler sees them: claiming a page of watchable
 * eSIMs for one poll, and recording a reading together with the
 * notifications it calls for, in one transaction (the outbox pattern).
 *
 * Claims (see claim-rows.ts): one UPDATE … RETURNING picks and leases a page
 * atomically; on PostgreSQL, several bot instances share the work. A claim
 * is a lease: if an instance dies, its eSIMs are claimable again once the
 * lease runs out.
 */
import { newId } from "../domain/ids.ts";
import {
  detectEvents,
  effectiveStatus,
  nextPeriod,
  type EsimReading,
  type LifecyclePolicy,
  type NoticeFigures,
} from "../domain/lifecycle.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { claimRows, leaseFree } from "./claim-rows.ts";
import type { ShopPrisma, ShopTransaction } from "./prisma-types.ts";

/** What a poll needs to know about a claimed eSIM: where to ask, and what we knew. */
export interface WatchedEsim {
  id: string;
  providerOrderId: string;
  status: string;
  period: number;
  dataMb: number;
  expiresAt: Date | null;
}

interface ClaimRow {
  id: string;
  providerOrderId: string;
  status: string;
  period: number | bigint;
  dataMb: number | bigint;
  expiresAt: Date | string | null;
}

/** A notification the reading created, for logs and tests. */
export interface RecordedNotification {
  id: string;
  kind: string;
  period: number;
}

/** eSIM lifecycle state in the shop's database. */
export class LifecycleRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly provider: "sqlite" | "postgresql",
  ) {}

  /**
   * Claims up to `limit` watched eSIMs not yet polled in this cycle
   * (`lastPolledAt` before `cycleStart`) and not leased by another instance.
   */
  async claim(now: Date, cycleStart: Date, leaseMs: number, limit: number): Promise<WatchedEsim[]> {
    const rows = await claimRows<ClaimRow>(this.prisma, this.provider, {
      table: "Esim",
      key: "id",
      due: Prisma.sql`"status" IN ('issued', 'active', 'topped_up')
        AND ${leaseFree("pollLeaseUntil", now)}
        AND ("lastPolledAt" IS NULL OR "lastPolledAt" < ${cycleStart})`,
      orderBy: "id",
      leaseColumn: "pollLeaseUntil",
      leaseUntil: new Date(now.getTime() + leaseMs),
      now,
      limit,
      returning: ["id", "providerOrderId", "status", "period", "dataMb", "expiresAt"],
    });
    // Raw rows: SQLite integers may come back as BigInt and dates as text.
    return rows.map((row) => ({
      id: row.id,
      providerOrderId: row.providerOrderId,
      status: row.status,
      period: Number(row.period),
      dataMb: Number(row.dataMb),
      expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt),
    }));
  }

  /** Marks a claimed eSIM as polled without a reading (the provider failed): next cycle tries again. */
  async release(esimId: string, now: Date): Promise<void> {
    await this.prisma.esim.update({ where: { id: esimId }, data: { pollLeaseUntil: null, lastPolledAt: now } });
  }

  /**
   * Stores a reading of an eSIM claimed for polling. Most readings call for no
   * notification: those are one conditional UPDATE, no transaction (a cycle
   * over many eSIMs is bound by this path). A reading with events, or of an
   * eSIM that changed since the claim (a webhook), goes through `record`.
   */
  async recordPolled(esim: WatchedEsim, reading: EsimReading, now: Date, policy: LifecyclePolicy): Promise<RecordedNotification[]> {
    const period = nextPeriod(esim, reading);
    if (detectEvents(reading, period, now, policy).length > 0) return this.record(esim.id, reading, now, policy);
    const updated = await this.prisma.esim.updateMany({
      where: { id: esim.id, period: esim.period, status: esim.status },
      data: {
        status: esim.status === "expired" ? "expired" : effectiveStatus(reading, now),
        dataMb: reading.dataMb,
        usedMb: reading.usedMb,
        activatedAt: reading.activatedAt,
        expiresAt: reading.expiresAt,
        period,
        lastPolledAt: now,
        pollLeaseUntil: null,
      },
    });
    return updated.count === 1 ? [] : this.record(esim.id, reading, now, policy);
  }

  /**
   * Stores a reading and, in the same transaction, one outbox row per event
   * that has not been recorded yet for its period. Returns the new rows.
   */
  async record(esimId: string, reading: EsimReading, now: Date, policy: LifecyclePolicy): Promise<RecordedNotification[]> {
    return this.prisma.$transaction(async (tx) => {
      await this.#lock(tx, esimId);
      const known = await tx.esim.findUnique({
        where: { id: esimId },
        select: { userId: true, period: true, dataMb: true, expiresAt: true, status: true },
      });
      if (!known) return [];
      const period = nextPeriod(known, reading);
      const status = known.status === "expired" ? "expired" : effectiveStatus(reading, now);
      await tx.esim.update({
        where: { id: esimId },
        data: {
          status,
          dataMb: reading.dataMb,
          usedMb: reading.usedMb,
          activatedAt: reading.activatedAt,
          expiresAt: reading.expiresAt,
          period,
          lastPolledAt: now,
          pollLeaseUntil: null,
        },
      });
      const created: RecordedNotification[] = [];
      for (const { event, period: eventPeriod } of detectEvents(reading, period, now, policy)) {
        const exists = await tx.notification.findUnique({
          where: { esimId_kind_period: { esimId, kind: event, period: eventPeriod } },
          select: { id: true },
        });
        if (exists) continue;
        const id = newId("ntf");
        await tx.notification.create({
          data: {
            id,
            esimId,
            userId: known.userId,
            kind: event,
            period: eventPeriod,
            payload: JSON.stringify(payloadOf(reading)),
            status: "pending",
            nextAttemptAt: now,
          },
        });
        created.push({ id, kind: event, period: eventPeriod });
      }
      return created;
    });
  }

  /** PostgreSQL: one reading per eSIM at a time (a webhook and a poll may race). SQLite transactions are serial. */
  async #lock(tx: ShopTransaction, esimId: string): Promise<void> {
    if (this.provider === "postgresql") await tx.$queryRaw`SELECT "id" FROM "Esim" WHERE "id" = ${esimId} FOR UPDATE`;
  }
}

function payloadOf(reading: EsimReading): NoticeFigures {
  return { dataMb: reading.dataMb, usedMb: reading.usedMb, expiresAt: reading.expiresAt?.toISOString() ?? null };
}
