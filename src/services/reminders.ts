/**
 * Reminders about eSIMs not in use yet, recorded in the notification outbox
 * on the lifecycle scheduler's tick (the outbox's sender delivers them and
 * checks the eSIM once more before it does): "did it work?" some hours after
 * delivery, the day before the trip and on the travel day. Also the trip
 * date itself, which the traveller gives after delivery.
 */
import type { RemindersRepository } from "../db/reminders-repository.ts";
import { dueTripReminders, installCheckWindow, tripDateAllowed, utcDay } from "../domain/reminders.ts";
import type { Logger } from "./logger.ts";

/** What the reminders need. */
export interface ReminderDeps {
  repo: RemindersRepository;
  /** Hours after delivery to ask whether the eSIM works; 0 = never. */
  installCheckHours: number;
  log: Logger;
  now: () => Date;
}

/** The outcome of setting a trip date. */
export type TripDateResult = "set" | "cleared" | "not-yours" | "out-of-range";

/** Records due reminders; sets trip dates. */
export class ReminderService {
  constructor(private readonly deps: ReminderDeps) {}

  /** Records every reminder due now (each once); returns how many were recorded. */
  async recordDue(): Promise<number> {
    const { repo, installCheckHours } = this.deps;
    const now = this.deps.now();
    let recorded = 0;
    if (installCheckHours > 0) {
      const { deliveredFrom, deliveredUntil } = installCheckWindow(now, installCheckHours);
      recorded += await repo.recordInstallChecks(deliveredFrom, deliveredUntil, now);
    }
    for (const { kind, tripDate } of dueTripReminders(now)) recorded += await repo.recordTripReminders(kind, tripDate, now);
    if (recorded > 0) this.deps.log.info({ recorded }, "reminders recorded");
    return recorded;
  }

  /** The day a user leaves with one of their eSIMs: null when not given, undefined when the eSIM is not theirs. */
  tripDate(userId: number, esimId: string): Promise<Date | null | undefined> {
    return this.deps.repo.tripDate(esimId, userId);
  }

  /** Sets the day a user leaves with one of their eSIMs (from today up to a year ahead), or clears it with null. */
  async setTripDate(userId: number, esimId: string, tripDate: Date | null): Promise<TripDateResult> {
    if (tripDate && !tripDateAllowed(tripDate, this.deps.now())) return "out-of-range";
    const changed = await this.deps.repo.setTripDate(esimId, userId, tripDate && utcDay(tripDate));
    if (!changed) return "not-yours";
    return tripDate ? "set" : "cleared";
  }
}
