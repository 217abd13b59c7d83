/**
 * Claiming due rows (src/db/claim-rows.ts) for fulfilment jobs and the
 * notification outbox, on SQLite and PostgreSQL: two claimers racing on one
 * database (each with its own connection, as two processes would) never get
 * the same row, and between them get every due row; leases keep a claimed row
 * away from others until they run out; rows that are not due stay put.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../src/db/client.ts";
import { JobsRepository } from "../src/db/jobs-repository.ts";
import { NotificationsRepository } from "../src/db/notifications-repository.ts";
import { DATABASES, createTestDatabase, type TestDatabase } from "./support/databases.ts";

const N = 60;
const LEASE_MS = 60_000;
let testDb: TestDatabase | undefined;
const extra: Database[] = [];

afterEach(async () => {
  await Promise.all(extra.splice(0).map((db) => db.close()));
  await testDb?.drop();
  testDb = undefined;
});

/** N paid orders, each with a due fulfilment job and a delivered eSIM with a pending notification. */
async function seed(db: Database, now: Date): Promise<void> {
  await db.prisma.user.create({ data: { id: 7n, firstName: "Racer" } });
  const ids = Array.from({ length: N }, (_, i) => String(i).padStart(3, "0"));
  await db.prisma.order.createMany({
    data: ids.map((i) => ({
      id: `ord_${i}`, userId: 7n, chatId: 7n, planId: "p", planName: "Japan 1 GB", destinationCode: "JP", dataMb: 1024,
      validityDays: 7, costUsdCents: 500, currency: "XTR", amount: 500, status: "paid", languageCode: "en",
    })),
  });
  // Older rows first: job i (and notification i) became due i seconds ago.
  const dueAt = (i: string) => new Date(now.getTime() - 1_000 * (N - Number(i)));
  await db.prisma.fulfilmentJob.createMany({
    data: ids.map((i) => ({ orderId: `ord_${i}`, status: "pending", runAt: dueAt(i), deadlineAt: new Date(now.getTime() + 3_600_000) })),
  });
  await db.prisma.esim.createMany({
    data: ids.map((i) => ({
      id: `esim_${i}`, orderId: `ord_${i}`, userId: 7n, iccid: `89000000000000000${i}`, providerOrderId: `up_${i}`,
      smdpAddress: "rsp.example", matchingId: "M", status: "active", destinationCode: "JP", planName: "Japan 1 GB", dataMb: 1024, validityDays: 7,
    })),
  });
  await db.prisma.notification.createMany({
    data: ids.map((i) => ({
      id: `ntf_${i}`, esimId: `esim_${i}`, userId: 7n, kind: "activated", period: 0, status: "pending", nextAttemptAt: dueAt(i),
      payload: JSON.stringify({ dataMb: 1024, usedMb: 0, expiresAt: null }),
    })),
  });
}

/** Claims in small batches until nothing is left; returns the keys it won. */
async function claimAll(claim: () => Promise<string[]>): Promise<string[]> {
  const won: string[] = [];
  for (;;) {
    const batch = await claim();
    if (batch.length === 0) return won;
    won.push(...batch);
  }
}

async function twoDatabases(kind: (typeof DATABASES)[number], now: Date): Promise<[Database, Database]> {
  testDb = await createTestDatabase(kind);
  await seed(testDb.db, now);
  const second = createDatabase(testDb.url, testDb.pgSchema ? { pgSchema: testDb.pgSchema } : {});
  extra.push(second);
  return [testDb.db, second];
}

describe.each(DATABASES)("claiming due rows (%s)", (kind) => {
  it("two concurrent claimers never get the same fulfilment job, and get them all", async () => {
    const now = new Date();
    const [a, b] = await twoDatabases(kind, now);
    const claimer = (db: Database) => {
      const jobs = new JobsRepository(db.prisma, db.provider);
      return () => claimAll(async () => (await jobs.claimDue(now, LEASE_MS, 7)).map((job) => job.orderId));
    };
    const [wonA, wonB] = await Promise.all([claimer(a)(), claimer(b)()]);
    expect(wonA.length + wonB.length).toBe(N);
    expect(new Set([...wonA, ...wonB]).size).toBe(N);
  });

  it("two concurrent claimers never get the same notification, and get them all", async () => {
    const now = new Date();
    const [a, b] = await twoDatabases(kind, now);
    const claimer = (db: Database) => {
      const outbox = new NotificationsRepository(db.prisma, db.provider);
      return () => claimAll(async () => (await outbox.claimDue(now, LEASE_MS, 7)).map((notice) => notice.id));
    };
    const [wonA, wonB] = await Promise.all([claimer(a)(), claimer(b)()]);
    expect(wonA.length + wonB.length).toBe(N);
    expect(new Set([...wonA, ...wonB]).size).toBe(N);
  });

  it("claims jobs oldest first, with every field, and not again until the lease runs out", async () => {
    const now = new Date();
    const [db] = await twoDatabases(kind, now);
    const unknownSince = new Date(now.getTime() - 60_000);
    await db.prisma.fulfilmentJob.update({
      where: { orderId: "ord_000" },
      data: { attempts: 2, lastError: "HTTP 503", preparingNoticeAt: now, outcomeUnknownSince: unknownSince, outcomeUnknownLastAt: now, messagesSent: 2 },
    });
    const jobs = new JobsRepository(db.prisma, db.provider);

    const first = await jobs.claimDue(now, LEASE_MS, 3);
    expect(first.map((job) => job.orderId)).toEqual(["ord_000", "ord_001", "ord_002"]);
    expect(first[0]).toEqual({
      orderId: "ord_000",
      status: "pending",
      attempts: 2,
      runAt: new Date(now.getTime() - 1_000 * N),
      deadlineAt: new Date(now.getTime() + 3_600_000),
      lastError: "HTTP 503",
      preparingNoticeAt: now,
      outcomeUnknownSince: unknownSince,
      outcomeUnknownLastAt: now,
      reconcileNoticeAt: null,
      messagesSent: 2,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
    });
    const row = await db.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: "ord_000" } });
    expect(row.leaseUntil).toEqual(new Date(now.getTime() + LEASE_MS));

    const rest = await jobs.claimDue(now, LEASE_MS, 100);
    expect(rest).toHaveLength(N - 3);
    expect(await jobs.claimDue(now, LEASE_MS, 100)).toEqual([]);
    // A worker died holding them: after the lease, they are claimable again.
    expect(await jobs.claimDue(new Date(now.getTime() + LEASE_MS + 1), LEASE_MS, 100)).toHaveLength(N);
  });

  it("a job's lease is its claim's token: the holder extends it and releases it; once another claim took it over, neither works", async () => {
    const now = new Date();
    const [a, b] = await twoDatabases(kind, now);
    const jobsA = new JobsRepository(a.prisma, a.provider);
    const jobsB = new JobsRepository(b.prisma, b.provider);
    const [held] = await jobsA.claimDue(now, LEASE_MS, 1);
    const later = new Date(now.getTime() + LEASE_MS / 2);
    const extended = new Date(later.getTime() + LEASE_MS);
    expect(await jobsA.extendLease(held!.orderId, held!.leaseUntil, extended, later)).toBe(true);
    // Past the first lease the job is still A's: nobody can claim it.
    expect((await jobsB.claimDue(new Date(now.getTime() + LEASE_MS + 1), LEASE_MS, N)).map((job) => job.orderId)).not.toContain(held!.orderId);

    // A stalls past its extended lease; B takes the job over.
    const stalled = new Date(extended.getTime() + 1);
    const taken = (await jobsB.claimDue(stalled, LEASE_MS, N)).find((job) => job.orderId === held!.orderId);
    expect(taken).toBeDefined();
    expect(await jobsA.extendLease(held!.orderId, extended, new Date(stalled.getTime() + LEASE_MS), stalled)).toBe(false);
    expect(await jobsA.retryAt(held!.orderId, extended, stalled, 1, "socket hang up")).toBe(false);
    const row = await a.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: held!.orderId } });
    expect(row).toMatchObject({ leaseUntil: taken!.leaseUntil, attempts: 0, lastError: null });
    // B, the holder, releases it for a retry.
    expect(await jobsB.retryAt(held!.orderId, taken!.leaseUntil, stalled, 1, "socket hang up")).toBe(true);
    expect(await a.prisma.fulfilmentJob.findUniqueOrThrow({ where: { orderId: held!.orderId } })).toMatchObject({ leaseUntil: null, attempts: 1 });
  });

  it("leaves jobs that are finished or not yet due, and notifications that are not pending", async () => {
    const now = new Date();
    const [db] = await twoDatabases(kind, now);
    await db.prisma.fulfilmentJob.updateMany({ where: { orderId: { in: ["ord_000", "ord_001"] } }, data: { status: "done" } });
    await db.prisma.fulfilmentJob.update({ where: { orderId: "ord_002" }, data: { runAt: new Date(now.getTime() + 1_000) } });
    await db.prisma.notification.updateMany({ where: { id: { in: ["ntf_000", "ntf_001"] } }, data: { status: "sent" } });
    await db.prisma.notification.update({ where: { id: "ntf_002" }, data: { nextAttemptAt: new Date(now.getTime() + 1_000) } });

    const jobs = await new JobsRepository(db.prisma, db.provider).claimDue(now, LEASE_MS, 100);
    expect(jobs.map((job) => job.orderId)).not.toContain("ord_000");
    expect(jobs.map((job) => job.orderId)).not.toContain("ord_002");
    expect(jobs).toHaveLength(N - 3);
    const notices = await new NotificationsRepository(db.prisma, db.provider).claimDue(now, LEASE_MS, 100);
    expect(notices).toHaveLength(N - 3);
    expect(notices[0]).toMatchObject({ id: "ntf_003", kind: "activated", userId: 7, chatId: 7, language: "en", blocked: false });
    expect(notices[0]!.esim).toEqual({ id: "esim_003", destinationCode: "JP", planName: "Japan 1 GB", iccid: "89000000000000000003", status: "active" });
  });
});
