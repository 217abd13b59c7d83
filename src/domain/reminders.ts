/**
 * Reminders about an eSIM that is not in use yet: "did it work?" some hours
 * after delivery, and around the trip date the traveller gave, the day
 * before ("install it on Wi-Fi before you leave") and the day itself ("turn
 * on data roaming for the eSIM"). Pure: the caller records each one in the
 * notification outbox, whose key (eSIM, kind, period) makes it go out once.
 *
 * All of them are about getting the eSIM to work, so none is sent once the
 * eSIM is active (or expired): an active eSIM has connected abroad, roaming
 * and all, and the provider, not a button, is the truth about that.
 */
import type { EsimStatus } from "./order.ts";

/** The reminder kinds, as stored in the outbox next to the lifecycle events. */
export const REMINDER_KINDS = ["install_check", "trip_eve", "trip_day"] as const;
/** One of REMINDER_KINDS. */
export type ReminderKind = (typeof REMINDER_KINDS)[number];
/** The trip reminders. */
export type TripReminderKind = Exclude<ReminderKind, "install_check">;

/** The hour (UTC) from which the day-before reminder goes out: daytime from Asia to the Americas' early morning. */
export const TRIP_EVE_HOUR_UTC = 9;
/** The hour (UTC) from which the travel-day nudge goes out. */
export const TRIP_DAY_HOUR_UTC = 6;
/** How long after its due time an install check is still worth sending (a stopped shop does not nag weeks later). */
export const INSTALL_CHECK_WINDOW_HOURS = 72;
/** How far ahead a trip date may be set. */
export const MAX_TRIP_DAYS_AHEAD = 365;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** True for a reminder kind (the outbox also holds lifecycle events). */
export function isReminderKind(kind: string): kind is ReminderKind {
  return (REMINDER_KINDS as readonly string[]).includes(kind);
}

/** Whether a reminder is still worth sending for an eSIM in this status: only while it is not in use. */
export function reminderStillWanted(status: EsimStatus): boolean {
  return status === "issued";
}

/** Midnight UTC of a moment's day. */
export function utcDay(moment: Date): Date {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
}

/** The day `days` after a day (midnight UTC). */
export function addDays(day: Date, days: number): Date {
  return new Date(utcDay(day).getTime() + days * DAY_MS);
}

/** A trip date as the outbox period of its reminders, e.g. 20261224: a new date re-arms them. */
export function tripPeriod(tripDate: Date): number {
  const day = utcDay(tripDate);
  return day.getUTCFullYear() * 10_000 + (day.getUTCMonth() + 1) * 100 + day.getUTCDate();
}

/** "2026-12-24" → midnight UTC of that day; null for anything else (or a day that does not exist). */
export function parseTripDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().startsWith(text) ? day : null;
}

/** True when a trip date can be chosen today: from today up to MAX_TRIP_DAYS_AHEAD. */
export function tripDateAllowed(tripDate: Date, now: Date): boolean {
  const today = utcDay(now).getTime();
  const day = utcDay(tripDate).getTime();
  return day >= today && day <= today + MAX_TRIP_DAYS_AHEAD * DAY_MS;
}

/**
 * The trip reminders due now, each with the trip date it is for: the
 * day-before reminder for trips tomorrow (from TRIP_EVE_HOUR_UTC), the
 * travel-day nudge for trips today (from TRIP_DAY_HOUR_UTC). A reminder is
 * due for the rest of its day, so a tick that runs late still sends it.
 */
export function dueTripReminders(now: Date): { kind: TripReminderKind; tripDate: Date }[] {
  const due: { kind: TripReminderKind; tripDate: Date }[] = [];
  if (now.getUTCHours() >= TRIP_DAY_HOUR_UTC) due.push({ kind: "trip_day", tripDate: utcDay(now) });
  if (now.getUTCHours() >= TRIP_EVE_HOUR_UTC) due.push({ kind: "trip_eve", tripDate: addDays(now, 1) });
  return due;
}

/** The deliveries whose install check is due now: from `hours` ago back to INSTALL_CHECK_WINDOW_HOURS before that. */
export function installCheckWindow(now: Date, hours: number): { deliveredFrom: Date; deliveredUntil: Date } {
  const deliveredUntil = new Date(now.getTime() - hours * HOUR_MS);
  return { deliveredFrom: new Date(deliveredUntil.getTime() - INSTALL_CHECK_WINDOW_HOURS * HOUR_MS), deliveredUntil };
}
