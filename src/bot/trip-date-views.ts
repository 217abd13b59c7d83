/**
 * "When do you leave?", asked after delivery: Today, Tomorrow, In 3 days, a
 * small date picker (four weeks a page, up to a year ahead) or no
 * reminders; then what was chosen, with a way to change it.
 */
import { InlineKeyboard } from "grammy";
import { addDays, MAX_TRIP_DAYS_AHEAD, utcDay } from "../domain/reminders.ts";
import { TRIP } from "./callback-data.ts";
import type { View } from "./view.ts";
import type { ViewLocale } from "./view-locale.ts";

/** Days on one page of the date picker, and per row. */
const PAGE_DAYS = 28;
const ROW_DAYS = 4;
/** The last page of the picker (pages start at 0, today). */
export const LAST_TRIP_PAGE = Math.floor(MAX_TRIP_DAYS_AHEAD / PAGE_DAYS);

/** "2026-12-24", the form trip dates take in buttons. */
export function isoDay(day: Date): string {
  return utcDay(day).toISOString().slice(0, 10);
}

/** "Thu, Dec 24" in the user's language. */
export function tripDayLabel(day: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(day);
}

/** The question, with the quick answers. */
export function tripQuestionView(l: ViewLocale, esimId: string, now: Date, notice?: string): View {
  const keyboard = new InlineKeyboard()
    .text(l.t("trip-today"), TRIP.day(esimId, isoDay(now)))
    .text(l.t("trip-tomorrow"), TRIP.day(esimId, isoDay(addDays(now, 1))))
    .text(l.t("trip-in-days", { days: 3 }), TRIP.day(esimId, isoDay(addDays(now, 3))))
    .row()
    .text(l.t("trip-pick"), TRIP.page(esimId, 0))
    .text(l.t("trip-skip"), TRIP.skip(esimId));
  const text = l.t("trip-question");
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard };
}

/** One page of the date picker: four weeks from today + page × 4 weeks, never past a year ahead. */
export function tripCalendarView(l: ViewLocale, esimId: string, page: number, now: Date): View {
  const keyboard = new InlineKeyboard();
  const first = Math.min(Math.max(page, 0), LAST_TRIP_PAGE) * PAGE_DAYS;
  const last = Math.min(first + PAGE_DAYS - 1, MAX_TRIP_DAYS_AHEAD);
  for (let offset = first; offset <= last; offset += 1) {
    if (offset > first && (offset - first) % ROW_DAYS === 0) keyboard.row();
    const day = addDays(now, offset);
    keyboard.text(tripDayLabel(day, l.locale), TRIP.day(esimId, isoDay(day)));
  }
  keyboard.row();
  if (first > 0) keyboard.text(l.t("trip-earlier"), TRIP.page(esimId, first / PAGE_DAYS - 1));
  if (last < MAX_TRIP_DAYS_AHEAD) keyboard.text(l.t("trip-later"), TRIP.page(esimId, first / PAGE_DAYS + 1));
  keyboard.row().text(l.t("trip-back"), TRIP.ask(esimId));
  return { text: l.t("trip-calendar"), keyboard };
}

/** The chosen day, with a way to change it. */
export function tripSetView(l: ViewLocale, esimId: string, day: Date): View {
  return {
    text: l.t("trip-set", { date: tripDayLabel(day, l.locale) }),
    keyboard: new InlineKeyboard().text(l.t("trip-change"), TRIP.ask(esimId)),
  };
}

/** No reminders, with a way to ask for them after all. */
export function tripSkippedView(l: ViewLocale, esimId: string): View {
  return { text: l.t("trip-skipped"), keyboard: new InlineKeyboard().text(l.t("trip-change"), TRIP.ask(esimId)) };
}
