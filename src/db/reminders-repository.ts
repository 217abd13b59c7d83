/**
 * Reminders in the notification outbox: which eSIMs are due one, recording
 * it (once: the outbox is unique per eSIM, kind and period), and the trip
 * date a traveller gave. Due eSIMs are read in batches; rows two scheduler
 * instances race to record are refused by the unique key and skipped.
 */
import type { NoticeFigures } from "../domain/lifecycle.ts";
import { newId } from "../domain/ids.ts";
import { tripPeriod, type ReminderKind, type TripReminderKind } from "../domain/reminders.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import { isUniqueViolation, type ShopPrisma } from "./prisma-types.ts";

/** Due eSIMs read per query. */
const BATCH = 500;

/** An eSIM a reminder is due for. */
interface DueEsim {
  id: string;
  userId: bigint;
  dataMb: number;
  usedMb: number;
}

/** Reminder rows and trip dates in the shop's database. */
export class RemindersRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /**
   * Records the install check of every eSIM delivered in [deliveredFrom,
   * deliveredUntil] that is still not in use and has none yet; returns how
   * many were recorded.
   */
  async recordInstallChecks(deliveredFrom: Date, deliveredUntil: Date, now: Date): Promise<number> {
    return this.#recordAll("install_check", 0, now, {
      order: { deliveredAt: { gte: deliveredFrom, lte: deliveredUntil } },
    });
  }

  /** Records a trip reminder for every eSIM leaving on `tripDate` that is still not in use; returns how many. */
  async recordTripReminders(kind: TripReminderKind, tripDate: Date, now: Date): Promise<number> {
    return this.#recordAll(kind, tripPeriod(tripDate), now, { tripDate });
  }

  /** Sets (or clears) the trip date of a user's eSIM; false when the eSIM is not theirs. */
  async setTripDate(esimId: string, userId: number, tripDate: Date | null): Promise<boolean> {
    const { count } = await this.prisma.esim.updateMany({ where: { id: esimId, userId: BigInt(userId) }, data: { tripDate } });
    return count === 1;
  }

  /** The trip date of a user's eSIM: null when none was given, undefined when the eSIM is not theirs. */
  async tripDate(esimId: string, userId: number): Promise<Date | null | undefined> {
    const row = await this.prisma.esim.findFirst({ where: { id: esimId, userId: BigInt(userId) }, select: { tripDate: true } });
    return row ? row.tripDate : undefined;
  }

  async #recordAll(kind: ReminderKind, period: number, now: Date, where: Prisma.EsimWhereInput): Promise<number> {
    let recorded = 0;
    for (;;) {
      const due: DueEsim[] = await this.prisma.esim.findMany({
        where: { ...where, status: "issued", notifications: { none: { kind, period } } },
        select: { id: true, userId: true, dataMb: true, usedMb: true },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      for (const esim of due) if (await this.#record(esim, kind, period, now)) recorded += 1;
      // Rows another instance recorded meanwhile are no longer due either, so the next read moves on.
      if (due.length < BATCH) return recorded;
    }
  }

  async #record(esim: DueEsim, kind: ReminderKind, period: number, now: Date): Promise<boolean> {
    const figures: NoticeFigures = { dataMb: esim.dataMb, usedMb: esim.usedMb, expiresAt: null };
    try {
      await this.prisma.notification.create({
        data: { id: newId("ntf"), esimId: esim.id, userId: esim.userId, kind, period, payload: JSON.stringify(figures), status: "pending", nextAttemptAt: now },
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
