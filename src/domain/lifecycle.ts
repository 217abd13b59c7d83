/**
 * What the traveller should hear about an eSIM, decided from its state at the
 * provider. Pure: the caller records each event in the notification outbox,
 * whose key (eSIM, event, period) makes every event announce exactly once,
 * so these rules can say "true now" without remembering what was sent.
 */

import type { EsimStatus } from "./order.ts";
import type { ReminderKind } from "./reminders.ts";

export type LifecycleEvent = "activated" | "data_low" | "expiring_soon" | "expired";

/** The eSIM as the provider reports it now. */
export interface EsimReading {
  status: EsimStatus;
  dataMb: number;
  usedMb: number;
  activatedAt: Date | null;
  expiresAt: Date | null;
}

/** When to warn. */
export interface LifecyclePolicy {
  /** Warn when less than this share of data is left (the seed's esim.data_low: 20). */
  lowDataPercent: number;
  /** Warn this long before validity ends. */
  expiryWarningHours: number;
}

/** An event with the period it belongs to (activation and expiry happen once per eSIM: period 0). */
export interface DetectedEvent {
  event: LifecycleEvent;
  period: number;
}

/** The status we store after a reading: the provider's, or expired when data or time has run out. */
export function effectiveStatus(reading: EsimReading, now: Date): EsimStatus {
  // Stryker disable next-line ConditionalExpression: equivalent, the last line returns the same "expired"; it says so first
  if (reading.status === "expired") return "expired";
  if (reading.usedMb >= reading.dataMb) return "expired";
  if (reading.expiresAt && now.getTime() >= reading.expiresAt.getTime()) return "expired";
  return reading.status;
}

/**
 * The period a reading belongs to: a top-up (more data or a later end than we
 * knew) starts a new one, so low data can be announced again after it.
 */
export function nextPeriod(
  known: { period: number; dataMb: number; expiresAt: Date | null },
  reading: EsimReading,
): number {
  const moreData = reading.dataMb > known.dataMb;
  const extended = known.expiresAt !== null && reading.expiresAt !== null && reading.expiresAt > known.expiresAt;
  return moreData || extended ? known.period + 1 : known.period;
}

/** Every event that is true for this reading. */
export function detectEvents(reading: EsimReading, period: number, now: Date, policy: LifecyclePolicy): DetectedEvent[] {
  const events: DetectedEvent[] = [];
  const status = effectiveStatus(reading, now);
  if (reading.activatedAt || status === "active" || status === "topped_up") events.push({ event: "activated", period: 0 });
  if (status === "expired") {
    events.push({ event: "expired", period: 0 });
    return events;
  }
  const left = Math.max(reading.dataMb - reading.usedMb, 0);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, a reading with no data is expired above (usedMb >= dataMb); the test only guards the division
  if (reading.dataMb > 0 && (left / reading.dataMb) * 100 < policy.lowDataPercent) events.push({ event: "data_low", period });
  if (reading.expiresAt && reading.expiresAt.getTime() - now.getTime() <= policy.expiryWarningHours * 3_600_000) {
    events.push({ event: "expiring_soon", period });
  }
  return events;
}

/** The figures a notification shows, frozen when it was decided. */
export interface NoticeFigures {
  dataMb: number;
  usedMb: number;
  /** ISO date, or null before activation. */
  expiresAt: string | null;
}

/** What an outbox row announces: a lifecycle event, or a reminder (see reminders.ts). */
export type NoticeKind = LifecycleEvent | ReminderKind;

/** A notification ready to be rendered and sent to its owner. */
export interface LifecycleNotice {
  id: string;
  kind: NoticeKind;
  attempts: number;
  userId: number;
  chatId: number;
  /** The user's chosen language, else the one they bought in. */
  language: string;
  blocked: boolean;
  /** The eSIM as it is now (its status is checked again before a reminder goes out). */
  esim: { id: string; destinationCode: string; planName: string; iccid: string; status: EsimStatus };
  figures: NoticeFigures;
}
