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
  // Sent 34 ms apart; a few ms of network jitter can pull a 31st call into some window, never more.
  expect(busiestSecond(times)).toBeLessThanOrEqual(31);
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((74 * 1000) / 30); // on average no faster than 30 a second
});

/** The most calls within any one second. */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
