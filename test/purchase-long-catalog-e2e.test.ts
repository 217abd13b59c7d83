/**
 * A provider whose catalog texts are far longer than a Telegram message (a
 * compatible-devices list of hundreds of entries, one a whole paragraph):
 * the summary and the devices view still fit Telegram's limits (4,096
 * characters after entity parsing) and keep their buttons, in every language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonLabels, buttonStartingWith } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";

const TELEGRAM_TEXT_LIMIT = 4096;

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
  const paragraph = `Every phone sold by 🇯🇵 carriers since 2019 👨‍👩‍👧‍👦 ${"with a very long explanation ".repeat(170)}`;
  const models = Array.from({ length: 400 }, (_, index) => `Phone maker model ${index + 1} (all storage sizes, dual SIM, 2021 and later)`);
  await shop.sandbox.setCompatibleDevices("jp-1gb-7d", [paragraph, ...models]);
});
afterAll(async () => {
  await shop.close();
});

describe.each([
  { language: "en", devicesButton: "📱 Compatible devices", devicesTitle: "eSIM-compatible devices", more: /…and \d+ more\./, pay: "💳 Pay", back: "⬅️ Back" },
  { language: "ru", devicesButton: "📱 Совместимые устройства", devicesTitle: "Устройства с поддержкой eSIM", more: /…и ещё \d+\./, pay: "💳 Оплатить", back: "⬅️ Назад" },
  { language: "es", devicesButton: "📱 Dispositivos compatibles", devicesTitle: "Dispositivos compatibles con eSIM", more: /…y \d+ más\./, pay: "💳 Pagar", back: "⬅️ Atrás" },
])("a very long compatible-devices list ($language)", ({ language, devicesButton, devicesTitle, more, pay, back }) => {
  it("the summary and the devices view fit in a message and keep their buttons", async () => {
    const user = shop.emulator.user({ language_code: language });
    user.send("/buy");
    await user.waitForMessage("🇯🇵");
    user.send("Japan");
    // The plan picker: its first plan is 1 GB for 7 days (fewest GB, then fewest days).
    const picker = await user.waitForMessage((message) => buttonLabels(message).some((label) => label.startsWith("1 GB · 7 ")));
    user.press(buttonStartingWith(picker, "1 GB · 7 "));

    const summary = await user.waitForEdit((message) => buttonLabels(message).includes(devicesButton));
    expect(summary.content.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(summary.content).toContain("Every phone sold by 🇯🇵 carriers");
    expect(buttonStartingWith(summary, pay)).toBeTruthy();

    user.press(devicesButton);
    const devices = await user.waitForEdit(devicesTitle);
    expect(devices.content.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(devices.content).toContain("• Phone maker model 1 (all storage sizes");
    expect(devices.content).toMatch(more);
    expect(buttonLabels(devices)).toEqual([back]);

    user.press(back);
    const again = await user.waitForEdit((message) => buttonLabels(message).includes(devicesButton));
    expect(buttonStartingWith(again, pay)).toBeTruthy();
  });
});
