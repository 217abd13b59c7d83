/**
 * "When do you leave?" (asked after delivery): the answer buttons, the date
 * picker's pages, skipping, and changing the date later. Installed before
 * the conversations, so a purchase in progress stays where it was. Every
 * button names an eSIM, which must be the presser's.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../composer.ts";
import { parseTripDate } from "../../domain/reminders.ts";
import type { ReminderService } from "../../services/reminders.ts";
import { parseTripButton, type TripButton } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { tripCalendarView, tripQuestionView, tripSetView, tripSkippedView } from "../trip-date-views.ts";
import { isNotModified, type View } from "../view.ts";
import { viewLocale } from "../view-locale.ts";

/** What the trip-date buttons need. */
export interface TripDateDeps {
  reminders: ReminderService;
  now: () => Date;
}

/** The trip-date buttons (private chats). */
export function tripDateFeature(deps: TripDateDeps): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.on("callback_query:data", async (ctx, next) => {
    const button = parseTripButton(ctx.callbackQuery.data);
    if (!button) return next();
    if ((await deps.reminders.tripDate(ctx.from.id, button.esimId)) === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("esim-not-yours"), show_alert: true });
      return;
    }
    const { view, note } = await answerFor(deps, ctx, button);
    await ctx.answerCallbackQuery(note ? { text: note } : undefined);
    await edit(ctx, view);
  });
  return composer;
}

/** The view a press leads to, and a short note for the press's answer. */
async function answerFor(deps: TripDateDeps, ctx: PrivateContext, button: TripButton): Promise<{ view: View; note?: string }> {
  const l = await viewLocale(ctx);
  const now = deps.now();
  switch (button.kind) {
    case "day": {
      const day = parseTripDate(button.day);
      const result = day ? await deps.reminders.setTripDate(ctx.from.id, button.esimId, day) : "out-of-range";
      if (result === "set" && day) return { view: tripSetView(l, button.esimId, day) };
      // A day in the past (buttons from days ago) or beyond a year: ask again with today's dates.
      const passed = l.t("trip-day-passed");
      return { view: tripQuestionView(l, button.esimId, now, passed), note: passed };
    }
    case "page":
      return { view: tripCalendarView(l, button.esimId, button.page, now) };
    case "skip":
      await deps.reminders.setTripDate(ctx.from.id, button.esimId, null);
      return { view: tripSkippedView(l, button.esimId) };
    case "ask":
      return { view: tripQuestionView(l, button.esimId, now) };
  }
}

async function edit(ctx: PrivateContext, view: View): Promise<void> {
  try {
    await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  } catch (error) {
    if (!isNotModified(error)) throw error;
  }
}
