/**
 * Two bot instances on one database: each eSIM is polled by one of them per
 * cycle, a dead instance's claims expire, and no notification is sent twice.
 * Runs on PostgreSQL (several instances share it with FOR UPDATE SKIP LOCKED)
 * and on SQLite (one scheduler; the same guarantees within it).
 */
import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import type { LifecycleNotice } from "../src/domain/lifecycle.ts";
import { LifecycleRepository } from "../src/db/lifecycle-repository.ts";
import { NotificationsRepository } from "../src/db/notifications-repository.ts";
import { UsersRepository } from "../src/db/users-repository.ts";
import { createDatabase, type Database } from "../src/db/client.ts";
import type { EsimProvider, EsimUsage } from "../src/providers/port.ts";
import { LifecycleService } from "../src/services/lifecycle.ts";
import { NotificationSender } from "../src/services/notifications.ts";
import { DATABASES, createTestDatabase, type TestDatabase } from "./support/databases.ts";

const N = 120;
const log = pino({ level: "silent" });
let testDb: TestDatabase | undefined;
const extra: Database[] = [];

afterEach(async () => {
  await Promise.all(extra.splice(0).map((db) => db.close()));
  await testDb?.drop();
  testDb = undefined;
});

/** A provider whose every eSIM is active, answering after a short delay, counting calls per order. */
function activeProvider(calls: Map<string, number>): EsimProvider {
  return {
    async getUsage(providerOrderId: string): Promise<EsimUsage> {
      calls.set(providerOrderId, (calls.get(providerOrderId) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2));
      const activatedAt = new Date(Date.now() - 3_600_000);
      return { providerOrderId, status: "active", dataMb: 1024, usedMb: 100, activatedAt, expiresAt: new Date(Date.now() + 6 * 86_400_000) };
    },
  } as EsimProvider;
}

async function seed(db: Database): Promise<void> {
  await db.prisma.user.create({ data: { id: 42n, firstName: "Many" } });
  await db.prisma.order.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      id: `ord_${i}`, userId: 42n, chatId: 42n, planId: "p", planName: "Japan 1 GB", destinationCode: "JP", dataMb: 1024,
      validityDays: 7, costUsdCents: 500, currency: "XTR", amount: 500, status: "delivered", languageCode: "en",
    })),
  });
  await db.prisma.esim.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      id: `esim_${String(i).padStart(3, "0")}`, orderId: `ord_${i}`, userId: 42n, iccid: `8900000000000000${String(i).padStart(4, "0")}`,
      providerOrderId: `up_${i}`, smdpAddress: "rsp.example", matchingId: "M", status: "issued", destinationCode: "JP",
      planName: "Japan 1 GB", dataMb: 1024, validityDays: 7,
    })),
  });
}

function instance(db: Database, provider: EsimProvider, sent: LifecycleNotice[], now = () => new Date()) {
  const lifecycle = new LifecycleService({
    repo: new LifecycleRepository(db.prisma, db.provider),
    provider,
    policy: { lowDataPercent: 20, expiryWarningHours: 24 },
    log,
    now,
  });
  const sender = new NotificationSender({
    outbox: new NotificationsRepository(db.prisma, db.provider),
    users: new UsersRepository(db.prisma),
    messenger: { send: async (notice) => void sent.push(notice) },
    log,
    now,
  });
  return { lifecycle, sender };
}

describe.each(DATABASES)("lifecycle with two instances (%s)", (kind) => {
  it("polls every eSIM once per cycle and sends each notification once", async () => {
    testDb = await createTestDatabase(kind);
    await seed(testDb.db);
    // The second instance has its own connection(s), as a second process would.
    const second = createDatabase(testDb.url, testDb.pgSchema ? { pgSchema: testDb.pgSchema } : {});
    extra.push(second);

    const calls = new Map<string, number>();
    const sent: LifecycleNotice[] = [];
    const a = instance(testDb.db, activeProvider(calls), sent);
    const b = instance(second, activeProvider(calls), sent);

    const [ra, rb] = await Promise.all([
      a.lifecycle.runCycle({ concurrency: 8, leaseMs: 60_000 }),
      b.lifecycle.runCycle({ concurrency: 8, leaseMs: 60_000 }),
    ]);
    expect(ra.polled + rb.polled).toBe(N);
    expect([...calls.values()].every((count) => count === 1)).toBe(true);
    expect(calls.size).toBe(N);
    if (kind === "postgresql") expect(Math.min(ra.polled, rb.polled)).toBeGreaterThan(0); // the work was shared

    await Promise.all([a.sender.drain(), b.sender.drain()]);
    expect(sent).toHaveLength(N);
    expect(new Set(sent.map((n) => n.esim.id)).size).toBe(N);
    expect(sent.every((n) => n.kind === "activated")).toBe(true);

    // The next cycle of both: every eSIM polled again once, nothing new to say.
    const [na, nb] = await Promise.all([
      a.lifecycle.runCycle({ concurrency: 8, leaseMs: 60_000 }),
      b.lifecycle.runCycle({ concurrency: 8, leaseMs: 60_000 }),
    ]);
    expect(na.polled + nb.polled).toBe(N);
    expect(na.notifications + nb.notifications).toBe(0);
    await Promise.all([a.sender.drain(), b.sender.drain()]);
    expect(sent).toHaveLength(N);
  });

  it("an instance that died holding claims: its eSIMs are polled once the lease runs out", async () => {
    testDb = await createTestDatabase(kind);
    await seed(testDb.db);
    const repo = new LifecycleRepository(testDb.db.prisma, testDb.db.provider);
    // The dead instance claimed 50 eSIMs with a 30 s lease and never came back.
    const start = new Date();
    const claimed = await repo.claim(start, start, 30_000, 50);
    expect(claimed).toHaveLength(50);

    const calls = new Map<string, number>();
    let offsetMs = 0;
    const live = instance(testDb.db, activeProvider(calls), [], () => new Date(Date.now() + offsetMs));
    const first = await live.lifecycle.runCycle({ concurrency: 8, leaseMs: 60_000 });
    expect(first.polled).toBe(N - 50);

    offsetMs = 2 * 60_000; // later: the dead instance's 30 s leases have run out
    const second = await live.lifecycle.runCycle({ concurrency: 8, leaseMs: 60_000 });
    expect(second.polled).toBe(N); // the expired claims are back, with everything else
    expect(claimed.every((esim) => (calls.get(esim.providerOrderId) ?? 0) === 1)).toBe(true);
  });
});
