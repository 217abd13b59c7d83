/**
 * Reminders end to end, on the shop's injected clock: "did it work?" two
 * hours after delivery, "When do you leave?" with its date picker, the
 * day-before reminder and the travel-day nudge. Each goes out once, at its
 * time, and never once the eSIM is active (checked again when sending).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { buttonLabels, buyEsim } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { TestUser } from "./support/telegram/user.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/**
 * A clock that runs from the 07:00 UTC nearest ahead of real time (at most an
 * hour behind it, 23 hours ahead) and that a test moves forward. It stays
 * within a day of real time: an order's creation time is real time, not the
 * shop's clock, and an invoice older than a day on the shop's clock is
 * refused as expired (07:00 "tomorrow" was 31 hours ahead just after
 * midnight UTC).
 */
function testClock() {
  const realStart = Date.now();
  const anHourAgo = new Date(realStart - HOUR);
  let base = Date.UTC(anHourAgo.getUTCFullYear(), anHourAgo.getUTCMonth(), anHourAgo.getUTCDate(), 7);
  if (base < realStart - HOUR) base += DAY;
  let offset = 0;
  return {
    base,
    now: () => new Date(base + offset + (Date.now() - realStart)),
    /** Moves the clock to `ms` after 07:00 UTC on the first day. */
    setTo(ms: number) {
      offset = ms - (Date.now() - realStart);
    },
  };
}

/** Buys Japan and waits until the order is settled as delivered (the clock must not move before: delivery time counts). */
async function buyDelivered(s: TestShop, user: TestUser): Promise<{ iccid: string }> {
  const bought = await buyEsim(s, user, "Japan");
  await vi.waitFor(
    async () => expect((await s.database.db.prisma.order.findUniqueOrThrow({ where: { id: bought.orderId } })).deliveredAt).not.toBeNull(),
    { timeout: 5_000, interval: 20 },
  );
  return bought;
}

function count(user: TestUser, text: string): number {
  return user.messages().filter((m) => m.content.includes(text)).length;
}

/** Ticks the scheduler `times` times (a reminder must not repeat). */
async function ticks(s: TestShop, times = 2): Promise<void> {
  for (let i = 0; i < times; i += 1) await s.app.tickLifecycle();
}

describe("did it work?", () => {
  it("asks once, two hours after delivery; help shows the steps and the QR again; Installed thanks", async () => {
    const clock = testClock();
    shop = await startShop({ now: clock.now });
    const user = shop.emulator.user();
    await buyDelivered(shop, user);

    clock.setTo(2 * HOUR - 60_000);
    await ticks(shop);
    expect(count(user, "Did your")).toBe(0);

    clock.setTo(2 * HOUR + 60_000);
    await shop.app.tickLifecycle();
    const check = await user.waitForMessage("Did your 🇯🇵 Japan eSIM install?");
    expect(buttonLabels(check)).toEqual(["Installed ✅", "🆘 I need help"]);
    await ticks(shop);
    expect(count(user, "Did your")).toBe(1);

    user.press("🆘 I need help");
    const help = await user.waitForMessage("eSIM not working?");
    for (const step of ["Data Roaming on", "Mobile data", "APN"]) expect(help.content).toContain(step);
    expect(buttonLabels(help)).toEqual(["📷 Show QR again"]);
    user.press("📷 Show QR again");
    await user.waitForPhoto("Your eSIM is ready");

    user.press("Installed ✅");
    await user.waitForEdit("Great, thanks!");
    // Pressing Installed changes nothing at the provider: the eSIM waits for installation as before.
    const [esim] = await shop.database.db.prisma.esim.findMany();
    expect(esim?.status).toBe("issued");
  });

  it("is never sent for an active eSIM, even when recorded before it activated", async () => {
    const clock = testClock();
    shop = await startShop({ now: clock.now });
    const activeUser = shop.emulator.user({ first_name: "Active" });
    const waitingUser = shop.emulator.user({ first_name: "Waiting" });
    const active = await buyDelivered(shop, activeUser);
    await buyDelivered(shop, waitingUser);

    // Recorded for both; Telegram refuses for a while, so both stay in the outbox.
    clock.setTo(2 * HOUR + 60_000);
    shop.emulator.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 120", parameters: { retry_after: 120 } }, 10);
    await shop.app.tickLifecycle();
    shop.emulator.clearFaults();
    expect(await shop.database.db.prisma.notification.count({ where: { kind: "install_check", status: "pending" } })).toBe(2);

    // One eSIM connects before the retry: the sender checks again and drops its reminder.
    await shop.sandbox.activate(active.iccid);
    clock.setTo(3 * HOUR);
    await ticks(shop);
    await waitingUser.waitForMessage("Did your 🇯🇵 Japan eSIM install?");
    await activeUser.waitForMessage("is connected");
    expect(count(activeUser, "Did your")).toBe(0);
    const rows = await shop.database.db.prisma.notification.findMany({ where: { kind: "install_check" }, select: { status: true, lastError: true } });
    expect(rows.map((row) => row.status).sort()).toEqual(["sent", "skipped"]);
    expect(rows.find((row) => row.status === "skipped")?.lastError).toContain("active");
  });
});

describe("when do you leave?", () => {
  it("a date from the picker: the day before from 09:00 UTC, then on the day, once each", async () => {
    const clock = testClock();
    shop = await startShop({ now: clock.now, env: { INSTALL_CHECK_HOURS: "0" } });
    const user = shop.emulator.user();
    await buyDelivered(shop, user);
    const question = await user.waitForMessage("When do you leave?");
    expect(buttonLabels(question)).toEqual(["Today", "Tomorrow", "In 3 days", "📅 Pick a date", "No reminders"]);

    user.press("📅 Pick a date");
    const picker = await user.waitForEdit("Pick the day");
    const label = (day: number) =>
      new Intl.DateTimeFormat("en", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(clock.base + day * DAY));
    expect(buttonLabels(picker).slice(0, 28)).toEqual(Array.from({ length: 28 }, (_, day) => label(day)));
    expect(buttonLabels(picker).slice(28)).toEqual(["Later ›", "⬅️ Back"]);
    user.press(label(4));
    await user.waitForEdit(`Leaving on ${label(4)}`);

    clock.setTo(3 * DAY + 2 * HOUR - 60_000); // the day before, 08:59 UTC
    await ticks(shop);
    expect(count(user, "is tomorrow")).toBe(0);
    clock.setTo(3 * DAY + 2 * HOUR + 60_000); // 09:01 UTC
    await shop.app.tickLifecycle();
    const eve = await user.waitForMessage("Your trip to 🇯🇵 Japan is tomorrow!");
    expect(buttonLabels(eve)).toEqual(["📷 Show QR again", "🆘 I need help"]);
    await ticks(shop);
    expect(count(user, "is tomorrow")).toBe(1);
    expect(count(user, "Travel day")).toBe(0);

    clock.setTo(4 * DAY - 60 * 60_000 - 60_000); // the day itself, 05:59 UTC
    await ticks(shop);
    expect(count(user, "Travel day")).toBe(0);
    clock.setTo(4 * DAY - 60 * 60_000 + 60_000); // 06:01 UTC
    await shop.app.tickLifecycle();
    const day = await user.waitForMessage("Travel day: 🇯🇵 Japan!");
    expect(day.content).toContain("Data Roaming");
    await ticks(shop);
    expect(count(user, "Travel day")).toBe(1);
    expect(count(user, "is tomorrow")).toBe(1);
  });

  it("no reminder once the eSIM is active; skipping and a day gone by are handled", async () => {
    const clock = testClock();
    shop = await startShop({ now: clock.now, env: { INSTALL_CHECK_HOURS: "0" } });
    const user = shop.emulator.user();
    const { iccid } = await buyDelivered(shop, user);
    await user.waitForMessage("When do you leave?");
    user.press("Tomorrow");
    await user.waitForEdit("Leaving on");
    await shop.sandbox.activate(iccid);
    await shop.app.tickLifecycle();
    await user.waitForMessage("is connected");

    clock.setTo(3 * HOUR); // 10:00 UTC, the day before
    await ticks(shop);
    clock.setTo(DAY); // the day itself, 07:00 UTC
    await ticks(shop);
    expect(count(user, "is tomorrow")).toBe(0);
    expect(count(user, "Travel day")).toBe(0);
    expect(await shop.database.db.prisma.notification.count({ where: { kind: { in: ["trip_eve", "trip_day"] } } })).toBe(0);

    // "Tomorrow" from the old question is yesterday's tomorrow now... two days on, it is in the past.
    clock.setTo(2 * DAY + HOUR);
    user.press("✏️ Change the date");
    const asked = await user.waitForEdit("When do you leave?");
    const today = asked.reply_markup!.inline_keyboard[0]![0]!;
    user.pressData(("callback_data" in today ? today.callback_data! : "").replace(/\d{4}-\d{2}-\d{2}/, "2020-01-01"), asked.message_id);
    await user.waitForEdit("That day has passed");
    user.press("No reminders");
    await user.waitForEdit("No reminders. Install the eSIM");
    const [esim] = await shop.database.db.prisma.esim.findMany();
    expect(esim?.tripDate).toBeNull();
  });

  it("refuses someone else's eSIM in trip and help buttons", async () => {
    shop = await startShop();
    const owner = shop.emulator.user();
    const other = shop.emulator.user();
    await buyDelivered(shop, owner);
    const [esim] = await shop.database.db.prisma.esim.findMany();
    other.send("/help");
    await other.waitForMessage("How it works");
    for (const data of [`tr:${esim!.id}:skip`, `tr:${esim!.id}:p1`, `inst:help:${esim!.id}`, `inst:ok:${esim!.id}`]) {
      const press = other.pressData(data);
      expect(await other.waitForCallbackAnswer(press)).toMatchObject({ show_alert: true });
    }
    expect((await shop.database.db.prisma.esim.findUniqueOrThrow({ where: { id: esim!.id } })).tripDate).toBeNull();
  });
});
