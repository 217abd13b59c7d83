/** The invoice message (src/bot/invoice.ts) against the Bot API emulator: Telegram's limits, whole characters. */
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendInvoice } from "../src/bot/invoice.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

let telegram: TelegramEmulator;
beforeAll(async () => {
  telegram = await startTelegramEmulator();
});
afterAll(() => telegram.close());

describe("sendInvoice", () => {
  it("cuts a long title and description to Telegram's limits on whole emoji", async () => {
    const user = telegram.user();
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    const order = { id: "ord_1", currency: "XTR", amount: 100 };
    // A cut at 32 (title) or 255 (description) UTF-16 units falls inside a flag.
    const title = `eSIM ${"x".repeat(25)}🇯🇵🇯🇵`;
    const description = `${"y".repeat(252)}🇯🇵🇯🇵`;
    await sendInvoice(api, user.id, order, { title, description, label: "eSIM" }, "");
    const invoice = await user.waitForInvoice();
    expect(invoice.invoice!.title).toBe(`eSIM ${"x".repeat(25)}…`);
    expect(invoice.invoice!.description).toBe(`${"y".repeat(252)}…`);
  });

  it("leaves texts that fit as they are", async () => {
    const user = telegram.user();
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    await sendInvoice(api, user.id, { id: "ord_2", currency: "XTR", amount: 50 }, { title: "eSIM 🇯🇵 Japan", description: "1 GB, 7 days", label: "eSIM" }, "");
    const invoice = await user.waitForInvoice();
    expect(invoice.invoice).toMatchObject({ title: "eSIM 🇯🇵 Japan", description: "1 GB, 7 days" });
  });
});
