/**
 * How a balance reads: the data bar, validity left in days or hours, the
 * "updated … ago" line, in English and with Russian plural forms.
 */
import { describe, expect, it } from "vitest";
import { createI18n } from "../src/bot/i18n.ts";
import { balanceCard, checkedText, dataBar, validityText } from "../src/bot/esim-views.ts";
import type { ViewLocale } from "../src/bot/view-locale.ts";
import type { Esim } from "../src/domain/order.ts";

const i18n = createI18n({ get: async () => null } as never);
const locale = (code: string): ViewLocale => ({ locale: code, t: (key, vars) => i18n.t(code, key, vars) });
const now = new Date("2026-12-01T12:00:00.000Z");

const esim: Esim = {
  id: "esim_1",
  orderId: "ord_1",
  userId: 1,
  iccid: "8944500102198304826",
  providerOrderId: "up_1",
  smdpAddress: "rsp.example",
  matchingId: "M-1",
  status: "active",
  destinationCode: "JP",
  planName: "Japan 1 GB / 7 days",
  dataMb: 1024,
  usedMb: 700,
  validityDays: 7,
  activatedAt: new Date("2026-11-28T12:00:00.000Z"),
  expiresAt: new Date("2026-12-05T12:00:00.000Z"),
  lastPolledAt: new Date("2026-12-01T11:57:00.000Z"),
  createdAt: new Date("2026-11-27T12:00:00.000Z"),
};

describe("eSIM balance views", () => {
  it("draws the share of data left in ten cells", () => {
    expect(dataBar(1024, 1024)).toBe("▰▰▰▰▰▰▰▰▰▰");
    expect(dataBar(324, 1024)).toBe("▰▰▰▱▱▱▱▱▱▱");
    expect(dataBar(0, 1024)).toBe("▱▱▱▱▱▱▱▱▱▱");
    expect(dataBar(0, 0)).toBe("▱▱▱▱▱▱▱▱▱▱");
  });

  it("says how long validity lasts: days, hours near the end, or from first connection", () => {
    const en = locale("en");
    expect(validityText(esim, en, now)).toBe("📅 4 days left, until Dec 5, 2026, 12:00 PM UTC");
    expect(validityText({ ...esim, expiresAt: new Date("2026-12-01T14:30:00.000Z") }, en, now)).toMatch(/^📅 3 hours left/);
    expect(validityText({ ...esim, status: "issued", expiresAt: null }, en, now)).toBe("📅 Validity starts at first connection (7 days)");
    expect(validityText({ ...esim, status: "expired" }, en, now)).toMatch(/^📅 Ended Dec 5, 2026/);
    expect(validityText({ ...esim, expiresAt: new Date("2026-12-03T12:00:00.000Z") }, locale("ru"), now)).toMatch(/^📅 Осталось 2 дня/);
    expect(validityText(esim, locale("ru"), now)).toMatch(/^📅 Осталось 4 дня/);
    expect(validityText({ ...esim, expiresAt: new Date("2026-12-06T13:00:00.000Z") }, locale("ru"), now)).toMatch(/^📅 Осталось 5 дней/);
  });

  it("says how fresh the figures are", () => {
    expect(checkedText(esim, locale("en"), now)).toBe("Updated 3 minutes ago");
    expect(checkedText({ ...esim, lastPolledAt: now }, locale("en"), now)).toBe("Updated just now");
    expect(checkedText({ ...esim, lastPolledAt: new Date("2026-12-01T09:00:00.000Z") }, locale("es"), now)).toBe("Actualizado hace 3 horas");
    expect(checkedText({ ...esim, lastPolledAt: null }, locale("en"), now)).toBe("");
  });

  it("puts destination, status, data, validity and the ICCID's last digits on one card", () => {
    expect(balanceCard(esim, locale("en"), now).split("\n")).toEqual([
      "🇯🇵 <b>Japan</b> · Japan 1 GB / 7 days",
      "✅ Active",
      "▰▰▰▱▱▱▱▱▱▱ 324 MB of 1 GB left (700 MB used)",
      "📅 4 days left, until Dec 5, 2026, 12:00 PM UTC",
      "ICCID …4826",
      "<i>Updated 3 minutes ago</i>",
    ]);
  });
});
