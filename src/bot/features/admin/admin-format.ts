/** How operator screens show moments, durations and dollars, in the operator's locale (times in UTC: operators may be anywhere). */
import { formatPrice } from "../../../domain/pricing.ts";

/** "03 Dec, 14:05" in UTC. */
export function formatWhen(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(at);
}

/** "42 s", "3.5 min", "1.2 h" in the locale's words. */
export function formatDuration(ms: number, locale: string): string {
  const seconds = ms / 1000;
  if (seconds < 60) return unit(Math.round(seconds), "second", locale);
  if (seconds < 3600) return unit(Math.round(seconds / 6) / 10, "minute", locale);
  return unit(Math.round(seconds / 360) / 10, "hour", locale);
}

/** US cents as dollars: "$12.34". */
export function formatUsd(cents: number, locale: string): string {
  return formatPrice(cents, "USD", locale);
}

function unit(value: number, name: "second" | "minute" | "hour", locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}
