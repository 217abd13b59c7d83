import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, defaultMigrationsDir, migrationChecksum, readMigrations } from "../src/db/migrate.ts";
import { createTestDatabase, DATABASES, queryRows, type TestDatabase } from "./support/databases.ts";

const INIT = "20261125000000_init";
/** Every committed migration, read from the folder (the same for both providers), oldest first. */
const ALL = readdirSync(defaultMigrationsDir("sqlite"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const TABLES = ["AuditEntry", "Broadcast", "BroadcastDelivery", "ConversationState", "DashboardSession", "DashboardSignIn", "Esim", "FulfilmentJob", "InboundUpdate", "LedgerCursor", "Notification", "Order", "Payment", "Refund", "User", "WebhookEvent"];

describe.each(DATABASES)("applyMigrations on %s", (kind) => {
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

  async function tableNames(): Promise<string[]> {
    const sql =
      kind === "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()";
    return (await queryRows(testDb.db, sql)).map((row) => String(row.name)).sort();
  }

  async function migrationRows(): Promise<Record<string, unknown>[]> {
    return queryRows(testDb.db, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
  }

  /** A migrations folder of our own: name → SQL. */
  function writeMigrations(migrations: Record<string, string>): string {
    const dir = join(scratch, "migrations");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "migration_lock.toml"), `provider = "${kind}"\n`);
    for (const [name, sql] of Object.entries(migrations)) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, "migration.sql"), sql);
    }
    return dir;
  }

  it("creates every table on an empty database, and a second run applies nothing", async () => {
    expect(await tableNames()).toEqual([]);
    const logged: string[] = [];

    const first = await applyMigrations(testDb.target, { log: (line) => logged.push(line) });
    expect(first.applied).toEqual(ALL);
    expect(ALL[0]).toBe(INIT);
    expect(logged).toEqual(ALL.map((name) => expect.stringContaining(name)));
    expect(await tableNames()).toEqual([...TABLES, "_prisma_migrations"].sort());

    const second = await applyMigrations(testDb.target);
    expect(second.applied).toEqual([]);
    expect(await migrationRows()).toHaveLength(ALL.length);
  });

  it("records the migration the way Prisma does", async () => {
    const before = Date.now();
    await applyMigrations(testDb.target);
    const sql = readFileSync(join(defaultMigrationsDir(kind), INIT, "migration.sql"), "utf8");

    const rows = await migrationRows();
    expect(rows.map((r) => r.migration_name)).toEqual(ALL);
    const row = rows[0];
    expect(row).toMatchObject({
      migration_name: INIT,
      checksum: migrationChecksum(sql),
      logs: null,
      rolled_back_at: null,
    });
    expect(Number(row?.applied_steps_count)).toBe(1);
    expect(String(row?.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // SQLite: Unix milliseconds, as Prisma's engine writes them; PostgreSQL: timestamptz.
    const finishedAt = row?.finished_at instanceof Date ? row.finished_at.getTime() : Number(row?.finished_at);
    expect(finishedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(finishedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("refuses to run when an applied migration's file has changed, naming the migration", async () => {
    await applyMigrations(testDb.target);
    await testDb.db.prisma.$executeRawUnsafe(
      `UPDATE _prisma_migrations SET checksum = '${"0".repeat(64)}' WHERE migration_name = '${INIT}'`,
    );

    await expect(applyMigrations(testDb.target)).rejects.toThrow(
      new RegExp(`Migration ${INIT} was modified after it was applied`),
    );
  });

  it("accepts a checksum taken with Windows line endings, like Prisma", async () => {
    await applyMigrations(testDb.target);
    const sql = readFileSync(join(defaultMigrationsDir(kind), INIT, "migration.sql"), "utf8");
    const crlf = migrationChecksum(sql.replace(/\n/g, "\r\n"));
    await testDb.db.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET checksum = '${crlf}' WHERE migration_name = '${INIT}'`);

    await expect(applyMigrations(testDb.target)).resolves.toEqual({ applied: [] });
  });

  it("refuses to run over a migration Prisma recorded as failed", async () => {
    await applyMigrations(testDb.target);
    await testDb.db.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${INIT}'`);

    await expect(applyMigrations(testDb.target)).rejects.toThrow(new RegExp(`Migration ${INIT} failed earlier`));
  });

  it("re-applies a migration marked rolled back", async () => {
    const dir = writeMigrations({ "001_a": 'CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY);\n' });
    await applyMigrations(testDb.target, { migrationsDir: dir });
    await testDb.db.prisma.$executeRawUnsafe('DROP TABLE "A"');
    await testDb.db.prisma.$executeRawUnsafe("UPDATE _prisma_migrations SET rolled_back_at = finished_at");

    expect(await applyMigrations(testDb.target, { migrationsDir: dir })).toEqual({ applied: ["001_a"] });
    expect(await tableNames()).toContain("A");
  });

  it("rolls a failing migration back entirely, records nothing for it, and resumes after the fix", async () => {
    const good = 'CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY);\n';
    const dir = writeMigrations({
      "001_a": good,
      "002_b": 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Nope" VALUES (1);\n',
    });

    await expect(applyMigrations(testDb.target, { migrationsDir: dir })).rejects.toThrow(
      /Migration 002_b failed and was rolled back/,
    );
    expect(await tableNames()).toEqual(["A", "_prisma_migrations"]);
    expect((await migrationRows()).map((row) => row.migration_name)).toEqual(["001_a"]);

    writeFileSync(join(dir, "002_b", "migration.sql"), 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    expect(await applyMigrations(testDb.target, { migrationsDir: dir })).toEqual({ applied: ["002_b"] });
    expect(await tableNames()).toEqual(["A", "B", "_prisma_migrations"]);
  });

  it("applies each migration once when two migrators start together", async () => {
    const results = await Promise.all([applyMigrations(testDb.target), applyMigrations(testDb.target)]);

    expect(results.flatMap((result) => result.applied).sort()).toEqual(ALL);
    expect(await migrationRows()).toHaveLength(ALL.length);
    expect(await tableNames()).toContain("Payment");
  });

  it("refuses a migrations folder locked to the other provider", async () => {
    const dir = writeMigrations({ "001_a": "SELECT 1;\n" });
    const other = kind === "sqlite" ? "postgresql" : "sqlite";
    writeFileSync(join(dir, "migration_lock.toml"), `provider = "${other}"\n`);

    await expect(applyMigrations(testDb.target, { migrationsDir: dir })).rejects.toThrow(
      `are for ${other}, not ${kind}`,
    );
  });
});

describe("migrationChecksum", () => {
  it("is Prisma's checksum: SHA-256 of the file as 64 hex digits", () => {
    expect(migrationChecksum("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(migrationChecksum("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("readMigrations", () => {
  it("lists the committed migrations of both providers, in order, with their checksums", () => {
    for (const kind of DATABASES) {
      const migrations = readMigrations(defaultMigrationsDir(kind), kind);
      expect(migrations.map((m) => m.name)).toEqual(ALL);
      expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("names a folder without migration.sql", () => {
    const dir = mkdtempSync(join(tmpdir(), "esim-migrations-"));
    try {
      mkdirSync(join(dir, "001_empty"));
      expect(() => readMigrations(dir, "sqlite")).toThrow(/Migration 001_empty has no migration.sql/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
