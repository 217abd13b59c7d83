/**
 * An interactive transaction keeps other work out, on SQLite and PostgreSQL:
 * a write made on the client while a transaction is open is the caller's for
 * good, even when that transaction then rolls back, and a read made meanwhile
 * does not see the transaction's rows. On SQLite the client has one
 * connection (src/db/serialized-sqlite-adapter.ts explains why it must wait).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OrderActionsRepository } from "../src/db/order-actions-repository.ts";
import { OrdersRepository } from "../src/db/orders-repository.ts";
import { DATABASES, createTestDatabase, type TestDatabase } from "./support/databases.ts";
import { seedOrder } from "./support/seed-orders.ts";

describe.each(DATABASES)("a transaction rolled back on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  it("keeps a write made beside it, and a read beside it never sees its rows", async () => {
    const prisma = testDb.db.prisma;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const outcome = prisma
      .$transaction(async (tx) => {
        await tx.user.create({ data: { id: 1n, firstName: "Inside" } });
        opened();
        await sleep(300);
        throw new Error("refused mid-way");
      })
      .then(
        () => "committed",
        (error: unknown) => (error as Error).message,
      );
    await open;
    const [written, seen] = await Promise.all([
      prisma.user.create({ data: { id: 2n, firstName: "Outside" } }),
      prisma.user.findUnique({ where: { id: 1n } }),
    ]);
    expect(written.firstName).toBe("Outside");
    expect(await outcome).toBe("refused mid-way");
    const stored = (await prisma.user.findMany({ orderBy: { id: "asc" } })).map((u) => u.firstName);
    expect({ stored, seen }).toEqual({ stored: ["Outside"], seen: null });
  });

  it("lets the client go on after a transaction ran out of time", async () => {
    const prisma = testDb.db.prisma;
    const outcome = prisma
      .$transaction(
        async (tx) => {
          await tx.user.create({ data: { id: 1n, firstName: "Slow" } });
          await sleep(1_500);
        },
        { timeout: 300 },
      )
      .then(
        () => "committed",
        () => "timed out",
      );
    await sleep(50);
    await prisma.user.create({ data: { id: 2n, firstName: "Next" } });
    expect(await outcome).toBe("timed out");
    expect((await prisma.user.findMany()).map((u) => u.firstName)).toEqual(["Next"]);
  });

  it("keeps the deliveries fulfilment reported while an operator action was refused", async () => {
    const prisma = testDb.db.prisma;
    const at = new Date("2026-03-01T10:00:00.000Z");
    const orders = new OrdersRepository(prisma, () => at);
    const actions = new OrderActionsRepository(prisma);
    await seedOrder(prisma, { id: "ord_unpaid", userId: 7, status: "awaiting_payment", createdAt: at });
    const paid = Array.from({ length: 8 }, (_, i) => `ord_paid_${i}`);
    for (const id of paid) await seedOrder(prisma, { id, userId: 7, status: "paid", createdAt: at, paidAt: at, deadlineAt: new Date(at.getTime() + 3_600_000) });

    // The operator keeps trying to resolve an unpaid order (refused each time: its transaction
    // rolls back) while fulfilment marks the paid orders delivered, one after another, on the same client.
    const refusals: string[] = [];
    const operator = (async () => {
      for (let i = 0; i < 3 * paid.length; i++) {
        const record = await actions.resolveOrder("ord_unpaid", { operatorId: 1, version: 0, note: null, at });
        refusals.push(record.ok ? "done" : record.why);
      }
    })();
    const reported: string[] = [];
    for (const id of paid) if (await orders.markDelivered(id)) reported.push(id);
    await operator;

    expect(new Set(refusals)).toEqual(new Set(["not-allowed"]));
    expect(reported).toEqual(paid);
    const stored = await prisma.order.findMany({ where: { id: { in: paid } }, select: { status: true } });
    expect(stored.map((o) => o.status)).toEqual(paid.map(() => "delivered"));
  });
});
