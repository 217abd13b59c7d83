/**
 * Broadcasts in the operator service, on SQLite and PostgreSQL: audiences
 * and their sizes, confirming (operators only, checked when it runs; once
 * per draft; audited), and the sender's at-most-once rule: sends, blocked
 * and opted-out travellers, Telegram's refusals retried, unknown outcomes
 * never sent again, a crash mid-batch, two senders on one database.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Audience, BroadcastContent } from "../src/domain/broadcast.ts";
import type { BroadcastRequest } from "../src/services/operator/broadcasts.ts";
import { DATABASES } from "./support/databases.ts";
import { createOperatorWorld, OPERATOR, type OperatorWorld } from "./support/operator-world.ts";
import { seedTraveller, seedUsers, type TravellerSeed } from "./support/seed-travellers.ts";

const TEXT: BroadcastContent = { kind: "text", text: "Summer sale: 20% off", entities: [{ type: "bold", offset: 0, length: 11 }] };

let world: OperatorWorld;

/** Stores a traveller (see seedTraveller). */
function seedUser(id: number, seed: TravellerSeed = {}): Promise<void> {
  return seedTraveller(world.database.db.prisma, world.now(), id, seed);
}

function request(draftId: string, audience: Audience = { kind: "all" }, content = TEXT): BroadcastRequest {
  return { draftId, operatorChatId: OPERATOR, languageCode: "en", content, audience };
}

/** Runs the sender until a run finds nothing to send. */
async function drain(sender = world.sender()): Promise<void> {
  while ((await sender.runDue()) > 0);
}

describe.each(DATABASES)("broadcasts on %s", (kind) => {
  beforeEach(async () => {
    world = await createOperatorWorld(kind);
  });
  afterEach(() => world.close());

  it("counts each audience without opted-out or blocked travellers", async () => {
    await seedUser(1);
    await seedUser(2, { optedOut: true, deliveredDaysAgo: 1, esim: "active" });
    await seedUser(3, { blocked: true, deliveredDaysAgo: 1, esim: "active" });
    await seedUser(4, { deliveredDaysAgo: 5 });
    await seedUser(5, { deliveredDaysAgo: 20, esim: "expired" });
    await seedUser(6, { deliveredDaysAgo: 60, esim: "issued" });
    await seedUser(7, { deliveredDaysAgo: 200, esim: "topped_up" });
    await seedUser(8, { deliveredDaysAgo: 200, esim: "active" });

    const sizes = await world.broadcasts.audienceSizes(OPERATOR);
    expect(sizes).toEqual([
      { audience: { kind: "all" }, size: 6 },
      { audience: { kind: "recent-buyers", days: 7 }, size: 1 },
      { audience: { kind: "recent-buyers", days: 30 }, size: 2 },
      { audience: { kind: "recent-buyers", days: 90 }, size: 3 },
      { audience: { kind: "active-esim" }, size: 3 },
    ]);
    expect(await world.broadcasts.audienceSize(OPERATOR, { kind: "recent-buyers", days: 30 })).toBe(2);
  });

  it("refuses everything to someone who is not an operator when the call runs, and audits the refused confirm", async () => {
    await seedUser(1);
    expect(await world.broadcasts.audienceSizes(123)).toBeNull();
    const sizes = await world.broadcasts.audienceSizes(OPERATOR);
    expect(sizes?.[0]?.size).toBe(1);

    world.operators = []; // removed from ADMIN_IDS after the audiences were shown
    expect(await world.broadcasts.start(OPERATOR, request("bc_refused"))).toEqual({ kind: "refused" });
    expect(await world.database.db.prisma.broadcast.count()).toBe(0);
    expect(await world.database.db.prisma.broadcastDelivery.count()).toBe(0);
    expect(world.kicks).toBe(0);
    const audit = await world.auditRepo.recent(10);
    expect(audit).toMatchObject([{ operatorId: OPERATOR, action: "broadcast.send", subject: { kind: "broadcast", id: "bc_refused" }, result: "refused" }]);
    expect(audit[0]?.actionKey).toBeUndefined();

    world.operators = [OPERATOR]; // a refusal never blocks the real action later
    expect(await world.broadcasts.start(OPERATOR, request("bc_refused"))).toEqual({ kind: "started", recipients: 1 });
  });

  it("creates the broadcast, one delivery per recipient in their language, and its audit entry once per draft", async () => {
    await seedUser(1, { language: "ru" });
    await seedUser(2, { deliveredDaysAgo: 3, orderLanguage: "es" });
    await seedUser(3);
    await seedUser(4, { optedOut: true });

    const started = await world.broadcasts.start(OPERATOR, request("bc_1"));
    expect(started).toEqual({ kind: "started", recipients: 3 });
    expect(world.kicks).toBe(1);
    // A double tap, or the same update replayed: nothing more is created.
    expect(await world.broadcasts.start(OPERATOR, request("bc_1"))).toEqual({ kind: "already-started", recipients: 3 });
    expect(world.kicks).toBe(1);

    const prisma = world.database.db.prisma;
    const deliveries = await prisma.broadcastDelivery.findMany({ orderBy: { userId: "asc" } });
    expect(deliveries.map((d) => [d.id, Number(d.userId), d.languageCode, d.status, d.attempts])).toEqual([
      ["bc_1:1", 1, "ru", "pending", 0],
      ["bc_1:2", 2, "es", "pending", 0],
      ["bc_1:3", 3, "en", "pending", 0],
    ]);
    const broadcast = await world.broadcastsRepo.find("bc_1");
    expect(broadcast).toMatchObject({ operatorId: OPERATOR, recipients: 3, status: "sending", content: TEXT, audience: { kind: "all" } });
    const audit = await world.auditRepo.forSubject("broadcast", "bc_1");
    expect(audit).toMatchObject([
      { operatorId: OPERATOR, action: "broadcast.send", result: "ok", actionKey: "broadcast:bc_1", details: { audience: { kind: "all" }, recipients: 3, content: "text" } },
    ]);
  });

  it("creates nothing for an empty audience", async () => {
    await seedUser(1);
    expect(await world.broadcasts.start(OPERATOR, request("bc_none", { kind: "active-esim" }))).toEqual({ kind: "empty" });
    expect(await world.database.db.prisma.broadcast.count()).toBe(0);
    expect(await world.auditRepo.recent(10)).toEqual([]);
  });

  it("sends once to each recipient: marks blocked users, skips those who opted out meanwhile, retries refusals, never retries unknown outcomes", async () => {
    for (let id = 1; id <= 30; id++) await seedUser(id);
    await world.broadcasts.start(OPERATOR, request("bc_1"));
    world.messenger.script.set(5, [{ kind: "blocked", reason: "Forbidden: bot was blocked by the user" }]);
    world.messenger.script.set(6, [{ kind: "refused", reason: "Too Many Requests: retry after 30", retryAfterMs: 30_000 }]);
    world.messenger.script.set(7, [{ kind: "failed", reason: "Network request for 'sendMessage' failed!" }]);
    await world.users.setNewsOptOut({ id: 8, firstName: "User 8" }, world.now());

    const sender = world.sender({ batchSize: 7 });
    await drain(sender);
    expect(world.messenger.count(6)).toBe(0);
    expect(world.messenger.tallies).toEqual([]); // user 6 is still waiting for their retry

    world.advance(31_000);
    await drain(sender);
    for (let id = 1; id <= 30; id++) expect(world.messenger.count(id), `user ${id}`).toBe([5, 7, 8].includes(id) ? 0 : 1);
    expect(world.messenger.tallies).toEqual([{ broadcastId: "bc_1", tally: { pending: 0, sending: 0, sent: 27, blocked: 1, skipped: 1, failed: 1 } }]);
    const user5 = await world.database.db.prisma.user.findUniqueOrThrow({ where: { id: 5n } });
    expect(user5.blockedAt).not.toBeNull();
    expect(await world.broadcastsRepo.find("bc_1")).toMatchObject({ status: "done" });

    // The progress message was shown from the start, kept its id, and ended finished.
    expect(world.messenger.progress[0]).toMatchObject({ finished: false, broadcast: { progressMessageId: null } });
    expect(world.messenger.progress.at(-1)).toMatchObject({ finished: true, broadcast: { progressMessageId: 1 }, tally: { sent: 27 } });

    // Nothing more happens: the tally is posted once.
    await drain(sender);
    expect(world.messenger.tallies).toHaveLength(1);
  });

  it("gives up on a send Telegram keeps refusing", async () => {
    await seedUser(1);
    await world.broadcasts.start(OPERATOR, request("bc_1"));
    const refused = { kind: "refused" as const, reason: "Too Many Requests: retry after 1", retryAfterMs: 1_000 };
    world.messenger.script.set(1, Array.from({ length: 10 }, () => refused));
    const sender = world.sender({ maxAttempts: 3 });
    for (let i = 0; i < 5; i++) {
      await drain(sender);
      world.advance(10 * 60_000);
    }
    expect(world.messenger.script.get(1)).toHaveLength(7);
    expect(world.messenger.tallies).toEqual([{ broadcastId: "bc_1", tally: { pending: 0, sending: 0, sent: 0, blocked: 0, skipped: 0, failed: 1 } }]);
  });

  it("never sends a second copy after a crash mid-batch: unconfirmed sends are settled as failed once their lease runs out", async () => {
    for (let id = 1; id <= 10; id++) await seedUser(id);
    await world.broadcasts.start(OPERATOR, request("bc_1"));
    // A process claimed four deliveries (they may have reached Telegram) and died before recording the outcome.
    const lost = await world.deliveriesRepo.claimDue(world.now(), 60_000, 4);
    expect(lost.map((delivery) => delivery.attempts)).toEqual([1, 1, 1, 1]);

    const restarted = world.sender({ leaseMs: 60_000 });
    await drain(restarted);
    const lostUsers = lost.map((delivery) => delivery.userId);
    for (const id of lostUsers) expect(world.messenger.count(id)).toBe(0);
    expect(world.messenger.tallies).toEqual([]); // the dead process' claims still hold their lease

    world.advance(61_000);
    await drain(restarted);
    for (let id = 1; id <= 10; id++) expect(world.messenger.count(id)).toBe(lostUsers.includes(id) ? 0 : 1);
    expect(world.messenger.tallies).toEqual([{ broadcastId: "bc_1", tally: { pending: 0, sending: 0, sent: 6, blocked: 0, skipped: 0, failed: 4 } }]);
    const failed = await world.database.db.prisma.broadcastDelivery.findMany({ where: { status: "failed" } });
    expect(failed.every((delivery) => delivery.lastError?.includes("not sent again"))).toBe(true);
  });

  it("two senders on one database share the work: everyone gets one copy, the tally is posted once", async () => {
    await seedUsers(world.database.db.prisma, Array.from({ length: 300 }, (_, i) => i + 1));
    await world.broadcasts.start(OPERATOR, request("bc_1"));
    const [a, b] = [world.sender({ batchSize: 10 }), world.sender({ batchSize: 10 })];
    await Promise.all([drain(a), drain(b)]);
    await Promise.all([drain(a), drain(b)]);
    const counts = Array.from({ length: 300 }, (_, i) => world.messenger.count(i + 1));
    expect(counts.every((count) => count === 1)).toBe(true);
    expect(world.messenger.tallies).toHaveLength(1);
    expect(world.messenger.tallies[0]?.tally.sent).toBe(300);
  });
});
