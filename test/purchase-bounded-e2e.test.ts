/**
 * One chat cannot make the purchase conversation grow without limit.
 * Conversations replay their whole history on every update, so a traveller
 * who keeps typing (300 searches here) would make every update of that chat
 * slower and its stored state bigger; the conversation starts afresh every
 * few inputs instead, where the traveller is, and keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonStartingWith } from "./support/purchase-flow.ts";
import { MAX_INPUTS_PER_RUN } from "../src/bot/conversations/purchase-restart.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { VisibleMessage } from "./support/telegram/chats.ts";

/** Far below the ~900 KB one chat reached before; a few steps' worth of messages. */
const STATE_BOUND_BYTES = 64 * 1024;
const SEARCHES = 300;
const DESTINATIONS = ["Japan", "Jpan", "France", "Thailand", "qwzxv", "Italy", "Europe", "Spain"];

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  await shop.close();
});

/** The stored conversation state of a chat, as written to the database. */
async function storedState(chatId: number): Promise<string> {
  const rows = await shop.database.db.prisma.conversationState.findMany({ where: { key: { contains: String(chatId) } } });
  return rows.map((row) => row.value).join("");
}

/** The same, in bytes. */
async function storedStateBytes(chatId: number): Promise<number> {
  return Buffer.byteLength(await storedState(chatId));
}

describe("a purchase step's stored state", () => {
  it("holds the messages the shop sent without their keyboards: the Bot API's echo of them is left out", async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    user.send("Japan");
    const picker = await user.waitForMessage("Choose a plan");
    const pressable = picker.reply_markup!.inline_keyboard.flat().map((button) => ("callback_data" in button ? button.callback_data : ""));
    await expect.poll(() => storedState(user.id)).toContain(`"message_id":${picker.message_id}`);
    const state = await storedState(user.id);
    // Both panels (the destinations, the plan picker) are in the state only as sent messages, not with their keyboards.
    expect(state).not.toContain("reply_markup");
    expect(pressable.filter((data) => data !== "" && state.includes(data))).toEqual([]);
    // The conversation still knows its panel: a button of the picker leads on.
    user.press(buttonStartingWith(picker, "1 GB"));
    await user.waitForEdit("— starts at first connection");
  });
});

describe("a purchase conversation with many inputs", () => {
  it(`starts afresh on a button press after ${MAX_INPUTS_PER_RUN} inputs: the press is answered and leads on`, async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    let picker: VisibleMessage | undefined;
    for (let search = 0; search < MAX_INPUTS_PER_RUN; search++) {
      user.send("Japan");
      picker = await user.waitForMessage("Choose a plan");
    }
    const before = await storedStateBytes(user.id);
    const press = user.press(buttonStartingWith(picker!, "1 GB"));
    expect(await user.waitForCallbackAnswer(press)).toBeDefined();
    const summary = await user.waitForEdit("— starts at first connection");
    expect(summary.message_id).toBe(picker!.message_id);
    // The state is written once the update is handled, just after the edit.
    await expect.poll(() => storedStateBytes(user.id)).toBeLessThan(before / 2);
    user.press("⬅️ Back");
    await user.waitForEdit("Choose a plan");
  });

  it(`stays under ${STATE_BOUND_BYTES / 1024} KB of stored state over ${SEARCHES} typed searches, and still answers each`, { timeout: 120_000 }, async () => {
    const user = shop.emulator.user();
    user.send("/buy");
    await user.waitForMessage("Where are you travelling?");
    const sizes: number[] = [];
    for (let search = 0; search < SEARCHES; search++) {
      const destination = DESTINATIONS[search % DESTINATIONS.length]!;
      user.send(destination);
      // Every search is answered with a new panel (a plan picker or choices).
      await user.waitForMessage((message) => (message.reply_markup?.inline_keyboard.length ?? 0) > 0);
      sizes.push(await storedStateBytes(user.id));
    }
    expect(Math.max(...sizes)).toBeLessThan(STATE_BOUND_BYTES);
    // It has not grown either: the last searches cost what the first ones did.
    expect(Math.max(...sizes.slice(-50))).toBeLessThanOrEqual(Math.max(...sizes.slice(0, 50)) * 1.5);

    // Still the same purchase: the last search's buttons lead on.
    user.send("Japan");
    const picker = await user.waitForMessage("Choose a plan");
    user.press(buttonStartingWith(picker, "1 GB"));
    const summary = await user.waitForEdit("— starts at first connection");
    user.press(buttonStartingWith(summary, "💳 Pay"));
    await user.waitForInvoice();
  });
});
