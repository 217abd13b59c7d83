/**
 * The plan picker's keyboard as a traveller reads it: one plan per row by data
 * and days, prices in Stars or in the card currency of the traveller's
 * locale, Russian plural forms, the best value marked and explained, and
 * everything within Telegram's limits.
 */
import { describe, expect, it } from "vitest";
import { createI18n } from "../src/bot/i18n.ts";
import { pickerView } from "../src/bot/conversations/purchase-picker.ts";
import type { PickerPlan } from "../src/bot/conversations/purchase-flow.ts";
import { MAX_CALLBACK_BYTES } from "../src/bot/callback-data.ts";
import type { ViewLocale } from "../src/bot/view-locale.ts";

const i18n = createI18n({ get: async () => null } as never);
const locale = (code: string): ViewLocale => ({ locale: code, t: (key, vars) => i18n.t(code, key, vars) });
const JAPAN = { kind: "country" as const, code: "JP" };
const plan = (gb: number, days: number, price: number, best = false): PickerPlan => ({ planId: `jp-${gb}gb-${days}d`, dataMb: gb * 1024, validityDays: days, price, best });

const labels = (view: ReturnType<typeof pickerView>) => view.keyboard.inline_keyboard.map((row) => row.map((button) => button.text));

describe("plan picker view", () => {
  it("Stars, English: a row per plan, then Step by step, then Back and Cancel", () => {
    const view = pickerView(locale("en"), JAPAN, [plan(1, 7, 450), plan(3, 1, 700), plan(20, 30, 1600, true)], "XTR");
    expect(labels(view)).toEqual([
      ["1 GB · 7 days · 450 ⭐"],
      ["3 GB · 1 day · 700 ⭐"],
      ["💎 20 GB · 30 days · 1600 ⭐"],
      ["🪜 Step by step: data, then days"],
      ["⬅️ Back", "✖️ Cancel"],
    ]);
    expect(view.text).toContain("🇯🇵 <b>Japan</b>");
    expect(view.text).toContain("💎 marks the best value per GB");
  });

  // Intl puts a no-break space between amount and currency sign.
  it("a card currency in the traveller's format, Russian plurals, no mark without a best value", () => {
    const view = pickerView(locale("ru"), JAPAN, [plan(1, 1, 569), plan(1, 3, 899), plan(5, 30, 1999)], "EUR");
    expect(labels(view).slice(0, 3)).toEqual([["1 GB · 1 день · 5,69\u00a0€"], ["1 GB · 3 дня · 8,99\u00a0€"], ["5 GB · 30 дней · 19,99\u00a0€"]]);
    expect(view.text).not.toContain("💎");
    const es = pickerView(locale("es"), JAPAN, [plan(1, 7, 569)], "USD");
    expect(labels(es)[0]).toEqual(["1 GB · 7 días · 5,69\u00a0US$"]);
  });

  it("twelve plans fit: every callback data within 64 bytes, under 100 buttons", () => {
    const plans = Array.from({ length: 12 }, (_, i) => plan(i + 1, 30, 100 * (i + 1)));
    const buttons = pickerView(locale("en"), JAPAN, plans, "XTR").keyboard.inline_keyboard.flat();
    expect(buttons.length).toBeLessThanOrEqual(100);
    for (const button of buttons) expect(Buffer.byteLength("callback_data" in button ? button.callback_data! : "")).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
  });
});
