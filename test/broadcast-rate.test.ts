/**
 * Broadcasts go out at Telegram's rate: through the production background
 * Api (createBackgroundApi with its defaults), 75 copies sent at once reach
 * the Bot API emulator evenly spaced, about 30 in any one second.
 */
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { afterEach, expect, it } from "vitest";
import { TelegramBroadcastMessenger } from "../src/bot/broadcast-messenger.ts";
import { LOCALES_DIR } from "../src/bot/i18n.ts";
import { createBackgroundApi, TELEGRAM_MESSAGES_PER_SECOND } from "../src/bot/telegram-api.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

let emulator: TelegramEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

it("sends broadcast copies no faster than Telegram's 30 messages a second", { timeout: 20_000 }, async () => {
  emulator = await startTelegramEmulator();
  const travellers = Array.from({ length: 75 }, (_, i) => emulator!.user({ id: 300_000 + i }));
  const i18n = new I18n<Context>({ defaultLocale: "en", fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  const messenger = new TelegramBroadcastMessenger(createBackgroundApi(emulator.token, emulator.apiRoot), i18n);
  const content = { kind: "text" as const, text: "Rate check", entities: [] };

  const outcomes = await Promise.all(travellers.map((t) => messenger.deliver(content, { chatId: t.id, language: "en" })));
  expect(outcomes.every((outcome) => outcome.kind === "sent")).toBe(true);

  const times = emulator.callsTo("sendMessage").map((call) => call.at.getTime());
  expect(times).toHaveLength(75);
  expect(TELEGRAM_MESSAGES_PER_SECOND).toBe(30);
  // On average no faster than 30 a second: load on the machine can only slow the sends down.
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((74 * 1000) / 30);
  // Evenly spaced, not in bursts: the throttler releases one every 34 ms. Arrival times at the
  // emulator jitter on a busy machine (a few calls may arrive bunched), so the median gap is
  // checked; unthrottled, 75 sends at once arrive within a few milliseconds of each other.
  expect(medianGap(times)).toBeGreaterThanOrEqual(20);
});

/** The median time between consecutive calls. */
function medianGap(times: number[]): number {
  const gaps = times.slice(1).map((time, i) => time - times[i]!).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}
