/**
 * End to end: the real app (createApp, as `npm start` runs it) against the
 * Telegram Bot API emulator and the sandbox provider over HTTP. The test acts
 * as a traveller and asserts on what the traveller sees.
 */
import { afterEach, describe, expect, it } from "vitest";
import { appleInstallUrl, parseLpa } from "../src/domain/lpa.ts";
import { OctopusProvider } from "../src/providers/octopus/client.ts";
import { DATABASES } from "./support/databases.ts";
import { buttonLabels, buttonStartingWith, buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import { decodeQrPng } from "./support/telegram/qr.ts";
import type { TestUser } from "./support/telegram/user.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** Waits for the delivered eSIM and checks QR, SM-DP+, activation code and the iPhone button agree. */
async function expectDelivery(user: TestUser, timeoutMs = 10_000): Promise<string> {
  const photo = await user.waitForPhoto("Your eSIM is ready", { timeoutMs });
  const lpa = decodeQrPng(photo.photo!);
  const details = parseLpa(lpa);
  expect(lpa.startsWith("LPA:1$")).toBe(true);
  expect(details).not.toBeNull();
  const manual = await user.waitForMessage("SM-DP+ address", { timeoutMs });
  expect(manual.content).toContain(details!.smdpAddress);
  expect(manual.content).toContain(details!.matchingId);
  // Each code is its own copyable <code> entity.
  const codes = (manual.entities ?? []).filter((e) => e.type === "code").map((e) => manual.content.slice(e.offset, e.offset + e.length));
  expect(codes).toEqual([details!.smdpAddress, details!.matchingId]);
  // Copy buttons carry exactly the SM-DP+ address and the activation code.
  const copies = (manual.reply_markup?.inline_keyboard.flat() ?? []).flatMap((b) => ("copy_text" in b && b.copy_text ? [b.copy_text.text] : []));
  expect(copies).toEqual([details!.smdpAddress, details!.matchingId]);
  const iphone = manual.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes("Install on iPhone"));
  expect(iphone && "url" in iphone ? iphone.url : undefined).toBe(appleInstallUrl(details!));
  expect(manual.content).toMatch(/installs only once/);
  return lpa;
}

describe.each([
  ...DATABASES.map((db) => ({ db, provider: "sandbox" })),
  { db: "sqlite" as const, provider: "octopus-sandbox" },
])("purchase end to end ($db, $provider)", ({ db, provider }) => {
  it("sells an eSIM: /start → typed destination → plan picker → summary → invoice → payment → QR delivery", async () => {
    shop = await startShop({ db, env: { ESIM_PROVIDER: provider } });
    const user = shop.emulator.user({ first_name: "Ann", language_code: "en" });

    user.send("/start");
    const greeting = await user.waitForMessage("Hi, Ann");
    expect(buttonLabels(greeting)).toEqual(expect.arrayContaining(["🇯🇵 Japan", "🛒 Buy an eSIM", "📱 My eSIMs"]));

    user.send("japan");
    const picker = await user.waitForMessage("🇯🇵 Japan");
    expect(picker.content).toContain("Choose a plan");
    const labels = buttonLabels(picker);
    const plans = labels.filter((label) => / · \d+ days? · \d+ ⭐$/.test(label));
    expect(plans.length).toBeGreaterThanOrEqual(3);
    expect(plans[0]).toMatch(/^1 GB · \d+ days? · \d+ ⭐$/);
    // Sorted by data, then days; exactly one best value, explained in the text.
    const amounts = plans.map((label) => label.replace("💎 ", "").split(" · ").map((part) => parseFloat(part)));
    const sorted = [...amounts].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(amounts).toEqual(sorted);
    expect(plans.filter((label) => label.startsWith("💎 "))).toHaveLength(1);
    expect(picker.content).toContain("best value per GB");
    expect(labels.slice(plans.length)).toEqual(["🪜 Step by step: data, then days", "⬅️ Back", "✖️ Cancel"]);

    user.press(plans[0]!);
    const summary = await user.waitForEdit("— starts at first connection");
    expect(summary.content).toContain("Japan 1 GB");
    expect(summary.content).not.toContain("nearest");
    expect(summary.content).toMatch(/Price: \d+ ⭐/);
    if (provider === "sandbox") expect(summary.content).toMatch(/Networks: .*(Docomo|SoftBank|KDDI)/);
    expect(summary.content).toMatch(/Coverage: Japan/);
    expect(summary.content).toContain("iPhone");

    user.press("📱 Compatible devices");
    const devices = await user.waitForEdit("eSIM-compatible devices");
    expect(devices.content).toMatch(/Pixel/);
    user.press("⬅️ Back");
    const summaryAgain = await user.waitForEdit("— starts at first connection");

    user.press(buttonStartingWith(summaryAgain, "💳 Pay"));
    const invoice = await user.waitForInvoice();
    expect(invoice.invoice).toMatchObject({ currency: "XTR" });
    expect(invoice.invoice!.total_amount).toBeGreaterThan(0);

    const payment = await user.pay();
    expect(payment.ok).toBe(true);
    await user.waitForMessage("Payment received");
    const lpa = await expectDelivery(user);

    // Every log line of the whole purchase, at trace level: no token, no activation code.
    const logText = shop.logs.map((record) => JSON.stringify(record)).join("\n");
    expect(shop.logs.length).toBeGreaterThan(5);
    expect(logText).not.toContain(shop.emulator.token);
    expect(logText).not.toContain(parseLpa(lpa)!.matchingId);

    expect(greeting.content).toContain("eSIM");
    if (provider === "sandbox") {
      const orders = await shop.sandbox.orders();
      expect(orders).toHaveLength(1);
      expect(orders[0]!.external_order_id).toBe(invoice.invoice!.payload);
    } else {
      // The octopus fake knows the order by our id, through its own (assumed) order API.
      const octopus = new OctopusProvider({ baseUrl: shop.app.sandboxUrl!, apiKey: "sandbox" });
      const upstream = await octopus.findOrderByExternalId(invoice.invoice!.payload);
      await octopus.close();
      expect(upstream?.matchingId).toBe(parseLpa(lpa)!.matchingId);
    }
  });
});

describe("the step-by-step path", () => {
  it("Step by step: data (from the cheapest), then validity, then the summary; Back retraces it", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    user.send("/buy Japan");
    await user.waitForMessage("Choose a plan");
    user.press("🪜 Step by step: data, then days");
    const dataStep = await user.waitForEdit("How much data do you need?");
    const dataLabels = buttonLabels(dataStep);
    expect(dataLabels[0]).toMatch(/^1 GB · from \d+ ⭐$/);
    expect(dataLabels).toContain("⬅️ Back");
    expect(dataLabels).toContain("✖️ Cancel");
    user.press(buttonStartingWith(dataStep, "3 GB"));
    const validityStep = await user.waitForEdit("For how long?");
    const validityLabels = buttonLabels(validityStep).filter((label) => label.includes("⭐"));
    expect(validityLabels).toHaveLength(2); // the sandbox sells 3 GB in Japan for 7 and 30 days
    expect(validityLabels[0]).toMatch(/^\d+ days? · \d+ ⭐$/);
    user.press(validityLabels[0]!);
    const summary = await user.waitForEdit("— starts at first connection");
    expect(summary.content).toContain("Japan 3 GB");
    user.press("⬅️ Back");
    await user.waitForEdit("For how long?");
    user.press("⬅️ Back");
    await user.waitForEdit("How much data do you need?");
    user.press("⬅️ Back");
    await user.waitForEdit("Choose a plan");
  });
});

describe("payment and delivery edge cases", () => {
  it("a duplicate successful_payment update orders once upstream and delivers once", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    const payment = await user.pay();
    if (!payment.ok) throw new Error(payment.errorMessage);
    await expectDelivery(user);

    user.redeliverPayment(payment.chargeId);
    // Updates of one chat are handled in order: once /help is answered, the duplicate was handled.
    user.send("/help");
    await user.waitForMessage("How it works");
    expect(await shop.sandbox.orders()).toHaveLength(1);
    expect(user.messages().filter((m) => m.photo)).toHaveLength(1);
    expect(user.messages().filter((m) => m.content.includes("Payment received"))).toHaveLength(1);
  });

  it("an old invoice paid twice orders once and refunds the second payment", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    // Both pre-checkouts pass before either payment lands, as when a user pays from two devices.
    const [first, second] = await Promise.all([user.pay(invoice), user.pay(invoice)]);
    expect(first.ok && second.ok).toBe(true);
    await expectDelivery(user);
    await user.waitForMessage("You paid twice");
    const refunds = shop.emulator.callsTo("refundStarPayment");
    expect(refunds).toHaveLength(1);
    const charges = [first, second].map((p) => (p.ok ? p.chargeId : ""));
    expect(charges).toContain(refunds[0]!.params.telegram_payment_charge_id);
    expect(await shop.sandbox.orders()).toHaveLength(1);

    // Paying the old invoice a third time is refused at pre-checkout: nothing is charged.
    const third = await user.pay(invoice);
    expect(third).toMatchObject({ ok: false, errorMessage: expect.stringContaining("already paid") });
  });

  it("upstream failures: the buyer is told the eSIM is being prepared, retries deliver it", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    await shop.sandbox.faults({ orders: { fail_next: 2, status: 500 } });
    await user.pay();
    await user.waitForMessage("being prepared");
    await expectDelivery(user);
    expect(await shop.sandbox.orders()).toHaveLength(1);
  });

  it("a permanent failure refunds the Stars once the provider has no such order after the deadline, and tells the buyer", async () => {
    shop = await startShop({ env: { FULFILMENT_DEADLINE_MINUTES: "0.02", RECONCILE_RETRY_MINUTES: "0.01" } });
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    await shop.sandbox.faults({ orders: { fail_next: 1000, status: 503 } });
    const payment = await user.pay();
    if (!payment.ok) throw new Error(payment.errorMessage);
    await user.waitForMessage("being prepared");
    const refund = await user.waitForMessage("has been refunded", { timeoutMs: 10_000 });
    expect(refund.content).toMatch(/\d+ ⭐/);
    const refunds = shop.emulator.callsTo("refundStarPayment");
    expect(refunds.map((c) => c.params.telegram_payment_charge_id)).toEqual([payment.chargeId]);
    expect(await shop.sandbox.orders()).toHaveLength(0);
    expect(user.messages().filter((m) => m.photo)).toHaveLength(0);
  });

  it("a card payment that cannot be fulfilled is flagged and the operator is told", async () => {
    const adminId = 900_000_001;
    shop = await startShop({
      env: {
        PAYMENT_PROVIDER_TOKEN: "284685063:TEST:abc",
        PAYMENT_CURRENCY: "EUR",
        PAYMENT_CURRENCY_PER_USD: "0.9",
        ADMIN_IDS: String(adminId),
        FULFILMENT_DEADLINE_MINUTES: "0.02",
        RECONCILE_RETRY_MINUTES: "0.01",
      },
    });
    shop.emulator.user({ id: adminId, first_name: "Operator" });
    const user = shop.emulator.user();
    const { invoice } = await buyUpToInvoice(user);
    expect(invoice.invoice).toMatchObject({ currency: "EUR" });
    expect(shop.emulator.callsTo("sendInvoice")[0]!.params.provider_token).toBe("284685063:TEST:abc");
    await shop.sandbox.faults({ orders: { fail_next: 1000, status: 500 } });
    await user.pay();
    await user.waitForMessage("will be refunded by our team", { timeoutMs: 10_000 });
    // First "unresolved at its deadline" (the outcome was unknown), then the refund once the provider has no such order.
    await shop.emulator.waitForCall("sendMessage", (call) => call.params.chat_id === adminId && String(call.params.text).includes("unresolved"));
    const alert = await shop.emulator.waitForCall("sendMessage", (call) => call.params.chat_id === adminId && String(call.params.text).includes("Manual refund needed"));
    expect(alert.response).toMatchObject({ ok: true });
    expect(shop.emulator.callsTo("refundStarPayment")).toHaveLength(0);
  });

  it("a restart between payment and delivery loses nothing", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    await buyUpToInvoice(user);
    await shop.sandbox.faults({ orders: { fail_next: 1000, status: 500 } });
    await user.pay();
    await user.waitForMessage("being prepared");
    await shop.stopApp();
    expect(user.messages().filter((m) => m.photo)).toHaveLength(0);

    // The new process has a healthy provider; the pending job resumes at start.
    await shop.restart();
    await expectDelivery(user);
    expect(await shop.sandbox.orders()).toHaveLength(1);
  });
});
