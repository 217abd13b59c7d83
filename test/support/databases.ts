/**
 * Throwaway databases for tests, so every database test runs on SQLite and on
 * PostgreSQL:
 *
 * ```ts
 * describe.each(DATABASES)("orders on %s", (kind) => {
 *   let testDb: TestDatabase;
 *   beforeEach(async () => { testDb = await createTestDatabase(kind); });
 *   afterEach(() => testDb.drop());
 *   it("…", async () => { await testDb.db.prisma.user.create(…); });
 * });
 * ```
 *
 * SQLite: a fresh file in a temporary folder. PostgreSQL: a fresh schema with a
 * random name in `TEST_DATABASE_URL` (default
 * `postgresql://postgres@127.0.0.1:5432/test`), dropped with everything in it.
 * An unreachable PostgreSQL fails the test with instructions; it never skips.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDatabase, type Database, type DatabaseProvider } from "../../src/db/client.ts";
import { applyMigrations, type MigrationTarget } from "../../src/db/migrate.ts";

/**
 * The databases every database test runs on: both, unless TEST_DATABASES
 * names fewer (the mutation run sets `sqlite`: its mutants are in code that
 * does not depend on the database, and each test it repeats costs minutes).
 */
export const DATABASES: readonly DatabaseProvider[] = selectDatabases(process.env.TEST_DATABASES);

function selectDatabases(names: string | undefined): DatabaseProvider[] {
  const all: DatabaseProvider[] = ["sqlite", "postgresql"];
  if (names === undefined || names.trim() === "") return all;
  const chosen = names.split(",").map((name) => name.trim());
  const unknown = chosen.filter((name) => !all.includes(name as DatabaseProvider));
  if (unknown.length > 0) throw new Error(`TEST_DATABASES: unknown database ${unknown.join(", ")} (use sqlite, postgresql)`);
  return all.filter((kind) => chosen.includes(kind));
}

/** The PostgreSQL server tests use: `TEST_DATABASE_URL`, else the one CI and developer machines run. */
export function testPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
}

/** A database that exists for one test (or one suite). */
export interface TestDatabase {
  kind: DatabaseProvider;
  /** The URL to pass to `createDatabase` (with `{ pgSchema }` on PostgreSQL). */
  url: string;
  /** PostgreSQL: the schema created for this database. */
  pgSchema?: string;
  /** What to pass to `applyMigrations` for this database. */
  target: MigrationTarget;
  /** A client on it; `drop()` closes it. */
  db: Database;
  /** Closes the client and deletes the database (file or schema). */
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface CreateTestDatabaseOptions {
  /** Apply the project's migrations (default true); false leaves the database empty. */
  migrate?: boolean;
}

/**
 * Creates an empty database of the given kind, with the project's migrations
 * applied unless `options.migrate` is false.
 */
export async function createTestDatabase(
  kind: DatabaseProvider,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const created = kind === "sqlite" ? createSqlite() : await createPostgres();
  try {
    if (options.migrate !== false) await applyMigrations(created.target);
  } catch (error) {
    await created.drop();
    throw error;
  }
  return created;
}

function createSqlite(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), "esim-db-test-"));
  const url = `file:${join(dir, "test.db")}`;
  const db = createDatabase(url);
  return {
    kind: "sqlite",
    url,
    target: { provider: "sqlite", url },
    db,
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const pgSchema = `test_${randomBytes(8).toString("hex")}`;
  await withAdminClient((client) => client.query(`CREATE SCHEMA "${pgSchema}"`));
  const url = testPostgresUrl();
  const db = createDatabase(url, { pgSchema });
  return {
    kind: "postgresql",
    url,
    pgSchema,
    target: { provider: "postgresql", url, schema: pgSchema },
    db,
    drop: async () => {
      await db.close();
      await withAdminClient((client) => client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`));
    },
  };
}

/**
 * Runs `fn` with a fresh connection to the test PostgreSQL server.
 * @throws Error explaining how to start PostgreSQL when it is unreachable
 */
export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = testPostgresUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL tests need a server at ${url} (${reason}). ` +
        "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
      { cause: error },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs raw SQL through the database's Prisma client (on PostgreSQL the
 * connection's search_path is the test schema) and returns plain rows.
 */
export async function queryRows(db: Database, sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  return db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params);
}
