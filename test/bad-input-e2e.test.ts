/**
 * Bad input end to end: nonsense, stale and forged buttons, stickers, unknown
 * commands and group chats get a short helpful answer or silence, and never
 * an error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonLabels } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  await shop.close();
});

describe("bad input outside a conversation", () => {
  it("answers random text (a search that finds nothing), stickers and unknown commands helpfully", async () => {
    const user = shop.emulator.user();
    user.send("hello?");
    const search = await user.waitForMessage("couldn't find “hello?”");
    expect(buttonLabels(search)).toContain("🇯🇵 Japan");
    user.send("/cancel");
    await user.waitForMessage("Cancelled");
    user.sendSticker();
    await user.waitForMessage("I can only read text and buttons");
    user.send("/frobnicate");
    await user.waitForMessage("I don't know that command");
  });

  it("answers forged and stale buttons without acting on them", async () => {
    const user = shop.emulator.user();
    user.send("/start");
    await user.waitForMessage("Hi");
    const forged = user.pressData("buy:dest:country:JP");
    expect(await user.waitForCallbackAnswer(forged)).toMatchObject({ text: expect.stringContaining("expired") });
    const garbage = user.pressData("💥".repeat(20));
    expect(await user.waitForCallbackAnswer(garbage)).toMatchObject({ text: expect.stringContaining("expired") });
    const badLanguage = user.pressData("lang:xx");
    expect(await user.waitForCallbackAnswer(badLanguage)).toMatchObject({ text: expect.stringContaining("expired") });
  });

  it("points group chats to the private chat and stays quiet otherwise", async () => {
    const user = shop.emulator.user();
    user.sendInGroup("/start");
    const pointer = await user.waitForMessage("private chat", { chatId: -1001234567890 });
    const button = pointer.reply_markup?.inline_keyboard.flat()[0];
    expect(button && "url" in button ? button.url : "").toMatch(/^https:\/\/t\.me\/\w+\?start=/);
    const before = shop.emulator.calls.length;
    user.sendInGroup("anyone been to Japan?");
    // A private message afterwards is answered; the group message got nothing.
    user.send("/help");
    await user.waitForMessage("How it works");
    const groupSends = shop.emulator.calls.slice(before).filter((c) => c.params.chat_id === -1001234567890);
    expect(groupSends).toHaveLength(0);
  });
});

describe("bad input inside the purchase conversation", () => {
  it("suggests close matches for a typo and offers choices for ambiguous input", async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.send("Jpan");
    const suggestion = await user.waitForMessage("Did you mean");
    expect(buttonLabels(suggestion)).toContain("🇯🇵 Japan");
    user.send("qwzxv");
    await user.waitForMessage("couldn't find");
    user.send("🇹🇭");
    await user.waitForMessage("🇹🇭 Thailand");
  });

  it("echoes a long search cut on a whole emoji, never half of one", async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    // 39 letters, then emoji: a cut at 40 UTF-16 units falls inside the first one.
    user.send(`${"x".repeat(39)}😀😀😀 and more`);
    const notice = await user.waitForMessage("couldn't find");
    expect(notice.content).toContain(`“${"x".repeat(39)}…”`);
  });

  it("answers stale panel buttons, stickers and forged data, and keeps the flow going", async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    const first = await user.waitForMessage("Where are you travelling?");
    user.send("Japan");
    const picker = await user.waitForMessage("Choose a plan");
    // The first panel is retired: its buttons are gone or answered as stale.
    const stale = user.pressData("buy:dest:country:FR", first.message_id);
    expect(await user.waitForCallbackAnswer(stale)).toMatchObject({ text: expect.stringContaining("no longer active") });
    for (const data of ["buy:plan:99", "buy:data:999999"]) {
      const forged = user.pressData(data, picker.message_id);
      expect(await user.waitForCallbackAnswer(forged)).toMatchObject({ text: expect.stringContaining("no longer active") });
    }
    user.sendSticker();
    await user.waitForMessage("Please choose with the buttons above");
    // Still in the picker: a real button works.
    user.press(buttonLabels(picker)[0]!);
    await user.waitForEdit("— starts at first connection");
  });

  it("Back returns to the previous step and Cancel ends the conversation", async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.send("France");
    await user.waitForMessage("Choose a plan");
    user.press("🪜 Step by step: data, then days");
    const dataStep = await user.waitForEdit("How much data");
    user.press(buttonLabels(dataStep)[0]!);
    await user.waitForEdit("For how long?");
    user.press("⬅️ Back");
    await user.waitForEdit("How much data");
    user.press("⬅️ Back");
    await user.waitForEdit("Choose a plan");
    user.press("⬅️ Back");
    await user.waitForEdit("Where are you travelling?");
    user.press("✖️ Cancel");
    await user.waitForEdit("Cancelled");
    // Outside a purchase, a typed destination starts one.
    user.send("Spain");
    await user.waitForMessage("🇪🇸 Spain");
    await user.waitForMessage("Choose a plan");
  });

  it("/cancel exits, and a new /buy starts over", async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.send("/cancel");
    await user.waitForMessage("Cancelled");
    user.send("/cancel");
    await user.waitForMessage("nothing to cancel");
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.press("🗺 Regions & worldwide");
    const regions = await user.waitForEdit("Regional and worldwide plans");
    expect(buttonLabels(regions)).toEqual(expect.arrayContaining(["🇪🇺 Europe", "🌐 Worldwide"]));
    user.press("🇪🇺 Europe");
    await user.waitForEdit("🇪🇺 Europe");
  });

  it("logged no failed update", () => {
    expect(shop.logs.filter((record) => record.level >= 50)).toEqual([]);
  });
});
