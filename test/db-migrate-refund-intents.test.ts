/**
 * The refund-intents migration on a database that already has data: orders
 * and payments waiting for a manual refund become needs_operator, every
 * payment survives SQLite's table rebuild unchanged, and a payment without
 * an order can be recorded afterwards.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, defaultMigrationsDir } from "../src/db/migrate.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const MIGRATION = "20261210000000_refund_intents";

describe.each(DATABASES)("the %s refund-intents migration over existing data", (kind) => {
  let testDb: TestDatabase;
  let scratch: string;

  beforeEach(async () => {
    testDb = await createTestDatabase(kind, { migrate: false });
    scratch = mkdtempSync(join(tmpdir(), "esim-migrations-"));
  });
  afterEach(async () => {
    await testDb.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The committed migrations before this one, as a folder of their own. */
  function migrationsBefore(): string {
    const all = defaultMigrationsDir(kind);
    for (const name of readdirSync(all)) {
      if (name < MIGRATION) cpSync(join(all, name), join(scratch, name), { recursive: true });
    }
    return scratch;
  }

  it("renames refund_pending to needs_operator and keeps every payment", async () => {
    await applyMigrations(testDb.target, { migrationsDir: migrationsBefore() });
    const prisma = testDb.db.prisma;
    // Raw SQL: the current client's model already differs from the old tables.
    await prisma.$executeRaw`INSERT INTO "User" ("id", "firstName", "updatedAt") VALUES (1, 'Ann', CURRENT_TIMESTAMP)`;
    for (const [id, status] of [["ord_manual", "refund_pending"], ["ord_done", "delivered"]]) {
      await prisma.$executeRaw`
        INSERT INTO "Order" ("id", "userId", "chatId", "planId", "planName", "destinationCode", "dataMb", "validityDays", "costUsdCents", "currency", "amount", "status", "languageCode", "updatedAt")
        VALUES (${id}, 1, 1, 'jp', 'Japan', 'JP', 1024, 7, 450, 'EUR', 569, ${status}, 'en', CURRENT_TIMESTAMP)`;
    }
    const payments = [
      ["pay_1", "tg_1", "prov_1", "ord_manual", "refund_pending"],
      ["pay_2", "tg_2", null, "ord_done", "captured"],
    ] as const;
    for (const [id, charge, providerCharge, orderId, status] of payments) {
      await prisma.$executeRaw`
        INSERT INTO "Payment" ("id", "telegramChargeId", "providerChargeId", "orderId", "userId", "currency", "amount", "status", "updatedAt")
        VALUES (${id}, ${charge}, ${providerCharge}, ${orderId}, 1, 'EUR', 569, ${status}, CURRENT_TIMESTAMP)`;
    }

    expect((await applyMigrations(testDb.target)).applied).toContain(MIGRATION);

    expect((await prisma.order.findMany({ orderBy: { id: "asc" } })).map((o) => [o.id, o.status])).toEqual([
      ["ord_done", "delivered"],
      ["ord_manual", "needs_operator"],
    ]);
    const kept = await prisma.payment.findMany({ orderBy: { id: "asc" } });
    expect(kept.map((p) => [p.id, p.telegramChargeId, p.providerChargeId, p.orderId, Number(p.userId), p.amount, p.status])).toEqual([
      ["pay_1", "tg_1", "prov_1", "ord_manual", 1, 569, "needs_operator"],
      ["pay_2", "tg_2", null, "ord_done", 1, 569, "captured"],
    ]);
    // The rebuilt table keeps its unique charge id and its foreign keys, and takes a payment without an order.
    const again = { id: "pay_3", telegramChargeId: "tg_1", userId: 1n, currency: "XTR", amount: 1, status: "stray" };
    await expect(prisma.payment.create({ data: again })).rejects.toMatchObject({ code: "P2002" });
    await expect(prisma.payment.create({ data: { ...again, telegramChargeId: "tg_3", orderId: "ord_nope" } })).rejects.toMatchObject({ code: "P2003" });
    expect(await prisma.payment.create({ data: { ...again, telegramChargeId: "tg_3" } })).toMatchObject({ orderId: null });
  });
});
