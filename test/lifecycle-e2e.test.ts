/**
 * Lifecycle notifications end to end: buy an eSIM, drive it at the sandbox
 * (activate, use data, expire) and see what the traveller is told, once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buttonLabels, buyEsim } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { TestUser } from "./support/telegram/user.ts";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** Buys the first Japan plan and returns its ICCID at the sandbox. */
async function buyJapan(s: TestShop, user: TestUser): Promise<string> {
  return (await buyEsim(s, user, "Japan")).iccid;
}

function countMessages(user: TestUser, text: string): number {
  return user.messages().filter((m) => m.content.includes(text)).length;
}

describe("lifecycle notifications", () => {
  it("activation, low data once, expiry with Buy again", async () => {
    shop = await startShop();
    const user = shop.emulator.user();
    const iccid = await buyJapan(shop, user);

    await shop.app.tickLifecycle();
    expect(countMessages(user, "is connected")).toBe(0);

    await shop.sandbox.activate(iccid);
    await shop.app.tickLifecycle();
    const activated = await user.waitForMessage("is connected");
    expect(activated.content).toMatch(/You have 1 GB to use until .+ UTC/);

    await shop.sandbox.usage(iccid, 870); // 85 % of 1 GB
    await shop.app.tickLifecycle();
    const low = await user.waitForMessage("running low");
    expect(low.content).toContain("154 MB of 1 GB left");
    expect(buttonLabels(low)).toEqual(["➕ Top up"]);

    const report = await shop.app.tickLifecycle();
    expect(report.notifications).toBe(0);
    expect(countMessages(user, "running low")).toBe(1);
    expect(countMessages(user, "is connected")).toBe(1);

    await shop.sandbox.expire(iccid);
    await shop.app.tickLifecycle();
    const expired = await user.waitForMessage("has expired");
    expect(buttonLabels(expired)).toEqual(["🔁 Buy again"]);
    await shop.app.tickLifecycle();
    expect(countMessages(user, "has expired")).toBe(1);

    // Buy again leads straight to the plans for the same destination.
    user.press("🔁 Buy again");
    await user.waitForMessage("🇯🇵 Japan");
    await user.waitForMessage("Choose a plan");
  });

  it("the cron tick (six fields, seconds) polls by itself and never repeats a notification", async () => {
    shop = await startShop({ env: { POLL_CRON: "* * * * * *" } });
    const user = shop.emulator.user();
    const iccid = await buyJapan(shop, user);
    await shop.sandbox.activate(iccid);
    await user.waitForMessage("is connected", { timeoutMs: 5_000 });
    await shop.sandbox.usage(iccid, 1000);
    await user.waitForMessage("running low", { timeoutMs: 5_000 });
    // Let at least two more ticks pass: still one message of each.
    await shop.app.tickLifecycle();
    await shop.app.tickLifecycle();
    expect(countMessages(user, "is connected")).toBe(1);
    expect(countMessages(user, "running low")).toBe(1);
  });

  it("a restart between deciding and sending loses nothing and sends once", async () => {
    let offsetMs = 0;
    shop = await startShop({ now: () => new Date(Date.now() + offsetMs) });
    const user = shop.emulator.user();
    const iccid = await buyJapan(shop, user);
    await shop.sandbox.activate(iccid);

    // Telegram refuses while the activation is being announced (a flood wait longer
    // than auto-retry waits): the notification stays in the outbox.
    shop.emulator.failNext(
      "sendMessage",
      { error_code: 429, description: "Too Many Requests: retry after 120", parameters: { retry_after: 120 } },
      10,
    );
    await shop.app.tickLifecycle();
    shop.emulator.clearFaults();
    expect(countMessages(user, "is connected")).toBe(0);

    await shop.restart();
    offsetMs = 10 * 60_000; // the retry is due
    await shop.app.tickLifecycle();
    await user.waitForMessage("is connected");
    await shop.app.tickLifecycle();
    expect(countMessages(user, "is connected")).toBe(1);
  });

  it("a user who blocked the bot is marked and skipped; the cycle goes on for others", async () => {
    shop = await startShop();
    const blocker = shop.emulator.user({ first_name: "Blocker" });
    const other = shop.emulator.user({ first_name: "Other" });
    const blockerIccid = await buyJapan(shop, blocker);
    const otherIccid = await buyJapan(shop, other);

    blocker.block();
    await shop.sandbox.activate(blockerIccid);
    await shop.sandbox.activate(otherIccid);
    await shop.app.tickLifecycle();
    await other.waitForMessage("is connected");
    expect(countMessages(blocker, "is connected")).toBe(0);
    const [row] = await shop.database.db.prisma.user.findMany({ where: { id: BigInt(blocker.id) } });
    expect(row?.blockedAt).toBeInstanceOf(Date);

    // Not written to again while blocked.
    await shop.sandbox.usage(blockerIccid, 1000);
    const toBlocker = () => shop!.emulator.callsTo("sendMessage").filter((c) => c.params.chat_id === blocker.id).length;
    const before = toBlocker();
    await shop.app.tickLifecycle();
    expect(toBlocker()).toBe(before);

    // Back: unblocking clears the mark.
    blocker.unblock();
    blocker.send("/help");
    await blocker.waitForMessage("How it works");
    const [back] = await shop.database.db.prisma.user.findMany({ where: { id: BigInt(blocker.id) } });
    expect(back?.blockedAt).toBeNull();
  });
});
