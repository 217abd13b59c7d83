/**
 * Issue #13 end to end: from /start to the invoice in three taps (typing
 * counts as one), one-line purchases in English, Spanish and Russian that
 * land on the right plan (the nearest one, said so, when nothing matches
 * exactly), and an ambiguous name that asks once. "The right plan" is read
 * from the order behind the invoice, so no label wording can fool it.
 *
 * The sandbox's catalog (deterministic) sells, among others:
 *   JP 1/7 3/7 3/30 10/30 20/30 50/30    TH 1/7 3/15 5/15 5/30 10/30 20/30
 *   FR 1/7 3/15 5/30 10/30 20/30 50/30   MX 1/7 3/15 5/15 5/30 10/30 20/30
 *   CD 1/7 3/15 5/30                     CG 1/7 1/30 3/30        (GB/days)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonLabels, buttonStartingWith } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { VisibleMessage } from "./support/telegram/chats.ts";
import type { TestUser } from "./support/telegram/user.ts";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  await shop.close();
});

/** A traveller whose taps (a press, or a typed message) are counted. */
function counted(user: TestUser) {
  let taps = 0;
  return {
    get taps() {
      return taps;
    },
    type(text: string) {
      taps += 1;
      user.send(text);
    },
    press(label: string) {
      taps += 1;
      return user.press(label);
    },
  };
}

/** A message with the Pay button: the summary, in any language. */
const hasPay = (message: VisibleMessage) => buttonLabels(message).some((label) => label.startsWith("💳"));

/** Presses Pay on the summary and returns the plan id of the order behind the invoice. */
async function payAndReadPlan(user: TestUser, summary: VisibleMessage): Promise<string> {
  user.press(buttonStartingWith(summary, "💳"));
  const invoice = await user.waitForInvoice();
  const order = await shop.database.db.prisma.order.findUniqueOrThrow({ where: { id: invoice.invoice!.payload } });
  return order.planId;
}

describe("three taps from /start to the invoice", () => {
  it("typed destination → plan → Pay", async () => {
    const user = shop.emulator.user();
    user.send("/start");
    await user.waitForMessage("Hi");
    const traveller = counted(user);

    traveller.type("Japan");
    const picker = await user.waitForMessage("Choose a plan");
    traveller.press(buttonStartingWith(picker, "3 GB · 30 days"));
    const summary = await user.waitForEdit(hasPay);
    traveller.press(buttonStartingWith(summary, "💳 Pay"));
    const invoice = await user.waitForInvoice();

    expect(traveller.taps).toBeLessThanOrEqual(3);
    const order = await shop.database.db.prisma.order.findUniqueOrThrow({ where: { id: invoice.invoice!.payload } });
    expect(order.planId).toBe("jp-3gb-30d");
    expect(invoice.invoice!.total_amount).toBe(order.amount);
  });

  it("a popular destination on the /start menu → plan → Pay", async () => {
    const user = shop.emulator.user();
    user.send("/start");
    const menu = await user.waitForMessage("Hi");
    expect(buttonLabels(menu).slice(0, 6)).toEqual(["🇯🇵 Japan", "🇺🇸 United States", "🇹🇭 Thailand", "🇹🇷 Türkiye", "🇬🇧 United Kingdom", "🇫🇷 France"]);
    const traveller = counted(user);

    traveller.press("🇹🇭 Thailand");
    const picker = await user.waitForMessage("Choose a plan");
    traveller.press(buttonStartingWith(picker, "1 GB · 7 days"));
    const summary = await user.waitForEdit(hasPay);
    traveller.press(buttonStartingWith(summary, "💳 Pay"));
    await user.waitForInvoice();
    expect(traveller.taps).toBe(3);
  });

  it("a one-line request is two taps: the line, then Pay", async () => {
    const user = shop.emulator.user();
    user.send("/start");
    await user.waitForMessage("Hi");
    const traveller = counted(user);
    traveller.type("Japan 3GB 30 days");
    const summary = await user.waitForMessage(hasPay);
    traveller.press(buttonStartingWith(summary, "💳 Pay"));
    await user.waitForInvoice();
    expect(traveller.taps).toBe(2);
  });
});

describe("one-line purchases land on the right plan", () => {
  it.each([
    // The examples.
    { text: "Japan 5GB 7 days", language: "en", plan: "jp-10gb-30d", nearest: "5 GB · 7 days" },
    { text: "5 gb japan for a week", language: "en", plan: "jp-10gb-30d", nearest: "5 GB · 7 days" },
    { text: "Japón 10 GB 30 días", language: "es", plan: "jp-10gb-30d" },
    { text: "Япония 3 ГБ на неделю", language: "ru", plan: "jp-3gb-7d" },
    // Variants.
    { text: "Japan 3gb 7d", language: "en", plan: "jp-3gb-7d" },
    { text: "japan 3 GB for a month", language: "ru", plan: "jp-3gb-30d" },
    { text: "Thailand 5GB 2 weeks", language: "en", plan: "th-5gb-15d", nearest: "5 GB · 14 days" },
    { text: "Франция 10 гб на месяц", language: "ru", plan: "fr-10gb-30d" },
    { text: "Во Францию 20 гигов на 30 дней", language: "ru", plan: "fr-20gb-30d" },
    { text: "México 3 GB por dos semanas", language: "es", plan: "mx-3gb-15d", nearest: "3 GB · 14 días" },
    { text: "Francia 5 gigas un mes", language: "es", plan: "fr-5gb-30d" },
    { text: "🇫🇷 20GB", language: "en", plan: "fr-20gb-30d" },
    { text: "Thailand for a week", language: "en", plan: "th-1gb-7d" },
    { text: "Japan 100 GB 90 days", language: "en", plan: "jp-50gb-30d", nearest: "100 GB · 90 days" },
  ])("$text ($language) → $plan", async ({ text, language, plan, nearest }) => {
    const user = shop.emulator.user({ language_code: language });
    user.send("/start");
    await user.waitForMessage(hasStartMenu);
    user.send(text);
    const summary = await user.waitForMessage(hasPay);
    if (nearest) expect(summary.content).toContain(nearest);
    expect(summary.content.includes("🔎")).toBe(nearest !== undefined);
    expect(await payAndReadPlan(user, summary)).toBe(plan);
  });

  it("/buy with a whole request", async () => {
    const user = shop.emulator.user();
    user.send("/buy Japan 3GB 30 days");
    const summary = await user.waitForMessage(hasPay);
    expect(await payAndReadPlan(user, summary)).toBe("jp-3gb-30d");
  });

  it("inside the purchase: a whole request at any step, and amounts alone for the destination on screen", async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.send("Italy 1 GB a week");
    const italy = await user.waitForMessage(hasPay);
    expect(italy.content).toContain("Italy 1 GB");

    user.send("France");
    await user.waitForMessage("Choose a plan");
    user.send("5GB 30 days");
    const summary = await user.waitForMessage(hasPay);
    expect(summary.content).toContain("France 5 GB");
    expect(await payAndReadPlan(user, summary)).toBe("fr-5gb-30d");
  });

  it("amounts with no destination ask where, and keep the amounts for the answer", async () => {
    const user = shop.emulator.user();
    user.send("/buy 5GB 30 days");
    const where = await user.waitForMessage("Where do you need 5 GB · 30 days?");
    user.press(buttonStartingWith(where, "🇫🇷"));
    const summary = await user.waitForEdit(hasPay);
    expect(await payAndReadPlan(user, summary)).toBe("fr-5gb-30d");
  });
});

describe("an ambiguous name asks once", () => {
  it("Congo: which one, then that Congo's plans", async () => {
    const user = shop.emulator.user();
    user.send("/start");
    await user.waitForMessage("Hi");
    const traveller = counted(user);
    traveller.type("Congo");
    const choices = await user.waitForMessage("Which one did you mean?");
    expect(buttonLabels(choices)).toEqual(expect.arrayContaining(["🇨🇩 DR Congo", "🇨🇬 Republic of the Congo"]));
    traveller.press("🇨🇬 Republic of the Congo");
    const picker = await user.waitForEdit("Choose a plan");
    expect(picker.content).toContain("🇨🇬 Republic of the Congo");
    traveller.press(buttonLabels(picker).find((label) => label.includes("3 GB · 30 days"))!);
    const summary = await user.waitForEdit(hasPay);
    traveller.press(buttonStartingWith(summary, "💳 Pay"));
    await user.waitForInvoice();
    expect(traveller.taps).toBe(4); // one more than a name that is not ambiguous
  });

  it("Congo in a one-line request: which one, then the nearest plan of that Congo", async () => {
    const user = shop.emulator.user();
    user.send("Congo 3GB 30 days");
    await user.waitForMessage("Which one did you mean?");
    user.press("🇨🇩 DR Congo");
    const summary = await user.waitForEdit(hasPay);
    expect(summary.content).toContain("nearest match");
    expect(await payAndReadPlan(user, summary)).toBe("cd-5gb-30d");
  });
});

function hasStartMenu(message: VisibleMessage): boolean {
  return buttonLabels(message).some((label) => label.startsWith("🛒"));
}
