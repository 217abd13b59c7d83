/**
 * End to end: a plan stops being sold while a traveller is in the middle of
 * buying it (the provider withdrew it and the shop's catalog refreshed). At
 * every step the traveller gets a polite message and buttons that work, every
 * button press is answered, and nothing is charged.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildSandboxCatalog } from "../src/providers/fakes/giapi-sandbox/catalog.ts";
import { buttonLabels, buttonStartingWith } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { VisibleMessage } from "./support/telegram/chats.ts";
import type { TestUser } from "./support/telegram/user.ts";

const PLAN_GONE = "This plan is no longer sold";

let shop: TestShop;
beforeAll(async () => {
  // The catalog reloads every 0.3 s, so a plan withdrawn at the sandbox leaves the shop quickly.
  shop = await startShop({ env: { CATALOG_REFRESH_MINUTES: "0.005" } });
});
afterAll(async () => {
  await shop.close();
});

/** Withdraws plans at the sandbox and waits until the shop's catalog no longer has them. */
async function withdraw(...planIds: string[]): Promise<void> {
  const loads = () => shop.logs.filter((record) => record.msg === "catalog loaded").length;
  for (const planId of planIds) await shop.sandbox.withdrawPlan(planId);
  // The second load from now started after the last withdrawal (on a busy machine, loads finish between withdrawals).
  const before = loads();
  // Refreshes every 0.3 s; a busy machine can stretch that a lot.
  await vi.waitFor(() => expect(loads()).toBeGreaterThanOrEqual(before + 2), { timeout: 25_000, interval: 25 });
}

/** /buy → types the destination → the plan picker. */
async function toPicker(user: TestUser, destination: string): Promise<VisibleMessage> {
  user.send("/buy");
  await user.waitForMessage("Where are you travelling?");
  user.send(destination);
  return user.waitForMessage("Choose a plan");
}

/** … → Step by step → the data step. */
async function toDataStep(user: TestUser, destination: string): Promise<VisibleMessage> {
  await toPicker(user, destination);
  user.press("🪜 Step by step: data, then days");
  return user.waitForEdit("How much data do you need?");
}

/** … → 1 GB → the first validity → the summary. */
async function toSummary(user: TestUser, destination: string): Promise<VisibleMessage> {
  const dataStep = await toDataStep(user, destination);
  user.press(buttonStartingWith(dataStep, "1 GB"));
  const validityStep = await user.waitForEdit("For how long?");
  user.press(buttonStartingWith(validityStep, "7 days"));
  return user.waitForEdit("starts at first connection");
}

/** Presses a button and expects Telegram's spinner to be answered. */
async function pressAnswered(user: TestUser, label: string): Promise<void> {
  const query = user.press(label);
  await expect(user.waitForCallbackAnswer(query)).resolves.toBeDefined();
}

describe("a destination that stops being sold", () => {
  it("leaves the /start menu's and the purchase's popular destinations at the next /start and /buy", async () => {
    const user = shop.emulator.user();
    user.send("/start");
    expect(buttonLabels(await user.waitForMessage("Hi"))).toContain("🇯🇵 Japan");
    user.send("/buy");
    expect(buttonLabels(await user.waitForMessage("Where are you travelling?"))).toContain("🇯🇵 Japan");
    user.send("/cancel");
    await user.waitForMessage();
    // Every plan of Japan itself (regional and worldwide plans covering it are other destinations).
    await withdraw(...buildSandboxCatalog().plans.filter((plan) => plan.type === "country" && plan.country === "JP").map((plan) => plan.plan_id));
    user.send("/start");
    const menu = buttonLabels(await user.waitForMessage("Hi"));
    expect(menu).not.toContain("🇯🇵 Japan");
    expect(menu).toEqual(expect.arrayContaining(["🇺🇸 United States", "🛒 Buy an eSIM"]));
    user.send("/buy");
    const prompt = buttonLabels(await user.waitForMessage("Where are you travelling?"));
    expect(prompt).not.toContain("🇯🇵 Japan");
    expect(prompt).toContain("🇺🇸 United States");
  });
});

describe("a plan that stops being sold mid-purchase", () => {
  it("in the plan picker: the destination is offered again, its picker without the plan", async () => {
    const user = shop.emulator.user();
    const picker = await toPicker(user, "Greece");
    const first = buttonStartingWith(picker, "1 GB · 7 days");
    await withdraw("gr-1gb-7d");

    await pressAnswered(user, first);
    const panel = await user.waitForEdit(PLAN_GONE);
    expect(buttonLabels(panel)).toContain("🇬🇷 Greece");
    await pressAnswered(user, "🇬🇷 Greece");
    const again = await user.waitForEdit("Choose a plan");
    expect(buttonLabels(again).some((label) => label.includes("1 GB · 7 days"))).toBe(false);
    expect(buttonLabels(again).some((label) => label.includes("3 GB"))).toBe(true);
  });

  it("at the data step: the data amount leaves the buttons, with a notice", async () => {
    const user = shop.emulator.user();
    const dataStep = await toDataStep(user, "France");
    const oneGb = buttonStartingWith(dataStep, "1 GB");
    await withdraw("fr-1gb-7d");

    await pressAnswered(user, oneGb);
    const panel = await user.waitForEdit(PLAN_GONE);
    expect(panel.content).toContain("How much data do you need?");
    expect(buttonLabels(panel).some((label) => label.startsWith("1 GB"))).toBe(false);
    await pressAnswered(user, buttonStartingWith(panel, "3 GB"));
    await user.waitForEdit("For how long?");
  });

  it("at the validity step: the destination is offered again, with a notice", async () => {
    const user = shop.emulator.user();
    const dataStep = await toDataStep(user, "Spain");
    user.press(buttonStartingWith(dataStep, "1 GB"));
    const validityStep = await user.waitForEdit("For how long?");
    await withdraw("es-1gb-7d");

    await pressAnswered(user, buttonStartingWith(validityStep, "7 days"));
    const panel = await user.waitForEdit(PLAN_GONE);
    expect(buttonLabels(panel)).toContain("🇪🇸 Spain");
    await pressAnswered(user, "🇪🇸 Spain");
    const again = await user.waitForEdit("Choose a plan");
    expect(buttonLabels(again).some((label) => label.includes("1 GB · 7 days"))).toBe(false);
  });

  it("at the summary: back from the compatible devices, the destination is offered again", async () => {
    const user = shop.emulator.user();
    await toSummary(user, "Italy");
    await withdraw("it-1gb-7d");

    await pressAnswered(user, "📱 Compatible devices");
    await user.waitForEdit("eSIM-compatible devices");
    await pressAnswered(user, "⬅️ Back");
    const panel = await user.waitForEdit(PLAN_GONE);
    expect(buttonLabels(panel)).toContain("🇮🇹 Italy");
    await pressAnswered(user, "🇮🇹 Italy");
    await user.waitForEdit("Choose a plan");
  });

  it("at the summary: Back finds no validity left for the data amount and returns to the data step", async () => {
    const user = shop.emulator.user();
    await toSummary(user, "Portugal");
    await withdraw("pt-1gb-7d");

    await pressAnswered(user, "⬅️ Back");
    const panel = await user.waitForEdit(PLAN_GONE);
    expect(panel.content).toContain("How much data do you need?");
    await pressAnswered(user, buttonLabels(panel)[0]!);
    await user.waitForEdit("For how long?");
  });

  it("pressing Pay: no invoice, the destination is offered again", async () => {
    const user = shop.emulator.user();
    const summary = await toSummary(user, "Germany");
    await withdraw("de-1gb-7d");
    const invoicesBefore = shop.emulator.callsTo("sendInvoice").length;

    await pressAnswered(user, buttonStartingWith(summary, "💳 Pay"));
    const panel = await user.waitForEdit(PLAN_GONE);
    expect(buttonLabels(panel)).toContain("🇩🇪 Germany");
    expect(shop.emulator.callsTo("sendInvoice")).toHaveLength(invoicesBefore);
    await pressAnswered(user, "🇩🇪 Germany");
    await user.waitForEdit("Choose a plan");
  });

  it("logged no failed update", () => {
    expect(shop.logs.filter((record) => record.level >= 50)).toEqual([]);
  });
});
