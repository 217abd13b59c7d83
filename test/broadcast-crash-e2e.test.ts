/**
 * A 10,000-traveller broadcast through the real shop in a child process,
 * killed with SIGKILL half-way and started again: Telegram's 429s are
 * retried, travellers who blocked the bot are marked, those who opted out
 * are skipped, and nobody gets a second copy. The emulator counts every copy
 * each traveller received. The send rate is raised for this test (the
 * emulator has no limits); broadcast-rate.test.ts holds Telegram's own.
 */
import { expect, it, vi } from "vitest";
import { seedUsers } from "./support/seed-travellers.ts";
import { useShopChildRun } from "./support/shop-child-run.ts";
import type { TelegramEmulator } from "./support/telegram/emulator.ts";
import type { TestUser } from "./support/telegram/user.ts";

const TOKEN = "7000000003:AAE-test-token-for-the-broadcast-crash";
const ADMIN = 42_000_001;
const FIRST_ID = 10_000_001;
const TRAVELLERS = 10_000;
const RATE = 1_000; // messages a second, for this test only (Telegram's is 30)
const TEXT = "Mega sale: every eSIM 30% off until Sunday";

const ids = Array.from({ length: TRAVELLERS }, (_, i) => FIRST_ID + i);
const optedOut = ids.filter((_, i) => i % 100 === 7); // 100 said /stop_news
const knownBlocked = ids.filter((_, i) => i % 500 === 11); // 20 the shop knows blocked the bot
const silentlyBlocked = ids.filter((_, i) => i % 200 === 13); // 50 blocked it without the shop knowing yet
const audience = TRAVELLERS - optedOut.length - knownBlocked.length;

const beginRun = useShopChildRun({ token: TOKEN, dirPrefix: "esim-broadcast-crash-" });

/** Copies of the broadcast each traveller received. */
function copies(telegram: TelegramEmulator, id: number): number {
  return telegram.messages(id).filter((message) => message.content === TEXT).length;
}

/** How often each value occurs. */
function countBy(values: ReadonlyArray<string | null>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

function sentCopies(telegram: TelegramEmulator): number {
  return ids.reduce((sum, id) => sum + copies(telegram, id), 0);
}

async function composeAndConfirm(admin: TestUser): Promise<void> {
  admin.send("/admin");
  await admin.waitForMessage("Shop admin", { timeoutMs: 30_000 });
  admin.press("📣 Broadcast");
  await admin.waitForMessage("New broadcast");
  admin.send(TEXT);
  await admin.waitForMessage("exactly what travellers will see");
  admin.press(`👥 Everyone · ${audience.toLocaleString("en")}`);
  await admin.waitForEdit(`Send the message above to ${audience.toLocaleString("en")} travellers — everyone?`);
  admin.press("✅ Send now");
  await admin.waitForEdit("Sending to");
}

it("sends a 10,000-traveller broadcast through 429s and a kill -9, and nobody gets a second copy", { timeout: 240_000 }, async () => {
  const { emulator, database, env: base, start } = await beginRun();
  const prisma = database.db.prisma;
  await seedUsers(prisma, ids);
  await prisma.user.updateMany({ where: { id: { in: optedOut.map(BigInt) } }, data: { newsOptOutAt: new Date() } });
  await prisma.user.updateMany({ where: { id: { in: knownBlocked.map(BigInt) } }, data: { blockedAt: new Date() } });
  for (const id of ids) emulator.user({ id });
  for (const id of silentlyBlocked) emulator.chat(id)!.blocked = true;
  const admin = emulator.user({ id: ADMIN, first_name: "Olga" });

  const env = {
    ...base,
    ADMIN_IDS: String(ADMIN),
    LOG_LEVEL: "error",
    TEST_MESSAGES_PER_SECOND: String(RATE),
    TEST_BROADCAST_LEASE_MS: "3000",
  };
  const first = await start(env);
  await composeAndConfirm(admin);
  // Telegram pushes back: flood waits, which auto-retry waits out.
  const floodWait = { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
  emulator.failNext("sendMessage", floodWait, 8);

  await vi.waitFor(() => expect(sentCopies(emulator)).toBeGreaterThan(3_000), { timeout: 120_000, interval: 100 });
  await first.kill();
  const beforeRestart = sentCopies(emulator);
  expect(beforeRestart).toBeLessThan(audience - silentlyBlocked.length); // killed half-way

  const second = await start(env);
  const tally = await vi.waitFor(
    () => {
      const message = admin.messages().find((m) => m.content.startsWith("✅ Broadcast finished"));
      if (!message) throw new Error(`no tally yet; ${sentCopies(emulator)} copies sent\n${second.stderr()}`);
      return message;
    },
    { timeout: 150_000, interval: 250 },
  );

  // At most one copy each; opted-out and blocked travellers none.
  const perTraveller = new Map(ids.map((id) => [id, copies(emulator, id)]));
  expect(Math.max(...perTraveller.values())).toBe(1);
  for (const id of [...optedOut, ...knownBlocked, ...silentlyBlocked]) expect(perTraveller.get(id), `traveller ${id}`).toBe(0);
  expect(emulator.callsTo("sendMessage").filter((call) => call.response?.ok === false && call.response.error_code === 429)).toHaveLength(8);

  const deliveries = await prisma.broadcastDelivery.findMany({ select: { userId: true, status: true, lastError: true } });
  const byStatus = (status: string) => deliveries.filter((delivery) => delivery.status === status).map((delivery) => Number(delivery.userId));
  expect(deliveries).toHaveLength(audience);
  expect(byStatus("blocked").sort()).toEqual([...silentlyBlocked].sort());
  for (const id of byStatus("sent")) expect(perTraveller.get(id)).toBe(1);
  // Only the sends in flight at the kill are unconfirmed: settled as failed, never sent again (they may have arrived).
  const failed = byStatus("failed");
  const whyFailed = deliveries.filter((delivery) => delivery.status === "failed").map((delivery) => delivery.lastError);
  expect(failed.length, `failed sends and why: ${JSON.stringify(countBy(whyFailed))}`).toBeLessThanOrEqual(25);
  expect(byStatus("sent").length + failed.length + silentlyBlocked.length).toBe(audience);
  const blockedUsers = await prisma.user.count({ where: { id: { in: silentlyBlocked.map(BigInt) }, blockedAt: { not: null } } });
  expect(blockedUsers).toBe(silentlyBlocked.length);
  expect(tally.content).toBe(
    `✅ Broadcast finished\nSent: ${byStatus("sent").length.toLocaleString("en")}\nBlocked the bot: ${silentlyBlocked.length}\nFailed: ${failed.length}\nOpted out meanwhile: 0`,
  );
  expect(await prisma.auditEntry.count({ where: { action: "broadcast.send", result: "ok" } })).toBe(1);
  void second.stop(); // a graceful stop; afterEach kills what is left
});
