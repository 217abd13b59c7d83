/**
 * Applies the committed SQL migrations (`prisma/<provider>/migrations/<name>/migration.sql`)
 * without Prisma's schema engine, which cannot be downloaded on our machines.
 *
 * Each migration runs in its own transaction together with its row in
 * `_prisma_migrations`, written in Prisma's own format (same table, checksum,
 * timestamps and step count), so `prisma migrate deploy` keeps working on a
 * database migrated by us and vice versa. Consequently a migration file must
 * not contain transaction control or statements PostgreSQL refuses inside a
 * transaction (`CREATE INDEX CONCURRENTLY`). On SQLite `PRAGMA foreign_keys`
 * is ignored inside a transaction; Prisma's table redefinitions also emit
 * `PRAGMA defer_foreign_keys=ON`, which does work there.
 *
 * A failed migration is rolled back entirely and leaves no row, so fixing the
 * file and starting again is safe.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { assertSchemaName, parseDatabaseUrl, sqliteFilePath, type DatabaseProvider } from "./client.ts";

/** Where to apply the migrations. {@link parseDatabaseUrl}'s result is one. */
export interface MigrationTarget {
  provider: DatabaseProvider;
  /** `file:<path>` (relative paths resolve against the cwd) or a PostgreSQL URL. */
  url: string;
  /** PostgreSQL schema to migrate (created if missing); defaults to the URL's `?schema=`, else the connection's default. */
  schema?: string;
}

/** Options of {@link applyMigrations}. */
export interface ApplyMigrationsOptions {
  /** Folder holding `<name>/migration.sql`; defaults to this project's `prisma/<provider>/migrations`. */
  migrationsDir?: string;
  /** Receives one line per migration applied, and warnings. */
  log?: (line: string) => void;
}

/** What {@link applyMigrations} did. */
export interface ApplyMigrationsResult {
  /** Names of the migrations applied by this call, in order; empty when up to date. */
  applied: string[];
}

/** One migration folder read from disk. */
export interface LocalMigration {
  name: string;
  sql: string;
  /** {@link migrationChecksum} of `sql`. */
  checksum: string;
}

/** A row of `_prisma_migrations`, the parts we read. */
interface MigrationRecord {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

/** The database-specific half of the migrator. */
interface MigrationDriver {
  /** Serialises migrators across processes (PostgreSQL; SQLite locks per transaction) and selects the schema. */
  prepare(): Promise<void>;
  ensureMigrationsTable(): Promise<void>;
  listRecords(): Promise<MigrationRecord[]>;
  /** Applies one migration and records it; false when another process had already applied it. */
  apply(migration: LocalMigration): Promise<boolean>;
  close(): Promise<void>;
}

/** Prisma Migrate's advisory lock key: sharing it serialises us with `prisma migrate deploy` too. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;
const LOCK_WAIT_SECONDS = 60;

/**
 * Prisma's checksum of a migration script: SHA-256 of its UTF-8 bytes, as 64 hex digits.
 * @param sql the contents of `migration.sql`
 */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/**
 * This project's migrations folder for a provider, resolved from this file's
 * location (not the cwd), so the app finds it whatever directory it starts in.
 */
export function defaultMigrationsDir(provider: DatabaseProvider): string {
  return fileURLToPath(new URL(`../../prisma/${provider}/migrations/`, import.meta.url));
}

/**
 * Reads the migrations in `dir`, sorted by folder name (Prisma names start with a timestamp).
 * @throws Error when the folder is missing or empty, a folder lacks `migration.sql`,
 *   or `migration_lock.toml` names another provider.
 */
export function readMigrations(dir: string, provider: DatabaseProvider): LocalMigration[] {
  if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  const lockFile = join(dir, "migration_lock.toml");
  if (existsSync(lockFile)) {
    const locked = /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lockFile, "utf8"))?.[1];
    if (locked !== undefined && locked !== provider) {
      throw new Error(`Migrations in ${dir} are for ${locked}, not ${provider}`);
    }
  }
  const names = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
  if (names.length === 0) throw new Error(`No migrations found in ${dir}`);
  return names.map((name) => {
    const file = join(dir, name, "migration.sql");
    if (!existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file})`);
    const sql = readFileSync(file, "utf8");
    return { name, sql, checksum: migrationChecksum(sql) };
  });
}

/**
 * Brings the database up to date with the committed migrations: creates
 * `_prisma_migrations` if needed, skips migrations already applied, and
 * applies the others in name order, each in one transaction.
 *
 * Safe to call from several processes at once: on PostgreSQL they queue on
 * Prisma's advisory lock; on SQLite each migration re-checks its row inside
 * an immediate (write-locked) transaction.
 *
 * @throws Error naming the migration when an applied migration's file has
 *   changed (checksum mismatch), when `_prisma_migrations` holds a failed
 *   migration (e.g. left by `prisma migrate deploy`), or when a migration fails.
 */
export async function applyMigrations(
  target: MigrationTarget,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir(target.provider), target.provider);
  const driver = target.provider === "sqlite" ? openSqlite(target) : await openPostgres(target);
  const applied: string[] = [];
  try {
    await driver.prepare();
    await driver.ensureMigrationsTable();
    const records = await driver.listRecords();
    checkHistory(migrations, records, log);
    const done = new Set(records.filter((r) => r.finished && !r.rolledBack).map((r) => r.name));
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      const started = Date.now();
      if (await driver.apply(migration)) {
        applied.push(migration.name);
        log(`Applied migration ${migration.name} (${Date.now() - started} ms)`);
      }
    }
  } finally {
    await driver.close();
  }
  return { applied };
}

/** Refuses to go on over a failed migration or an applied one whose file changed. */
function checkHistory(migrations: LocalMigration[], records: MigrationRecord[], log: (line: string) => void): void {
  const local = new Map(migrations.map((m) => [m.name, m]));
  for (const record of records) {
    if (record.rolledBack) continue;
    const migration = local.get(record.name);
    if (!record.finished) {
      throw new Error(
        `Migration ${record.name} failed earlier (its _prisma_migrations row has no finished_at). ` +
          "Repair the database, then mark it with `prisma migrate resolve` or delete that row.",
      );
    }
    if (migration === undefined) {
      log(`Warning: the database has migration ${record.name}, which is not in the migrations folder`);
      continue;
    }
    if (!matchesChecksum(migration.sql, record.checksum)) {
      throw new Error(
        `Migration ${record.name} was modified after it was applied ` +
          `(checksum ${record.checksum.slice(0, 12)}… in _prisma_migrations, ${migration.checksum.slice(0, 12)}… on disk). ` +
          "Restore the file and put the change in a new migration.",
      );
    }
  }
}

/** Like Prisma, accepts the script with either line ending (git may convert them). */
function matchesChecksum(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replace(/\r\n/g, "\n"), sql.replace(/\r?\n/g, "\r\n")];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

/** Prisma's own DDL for SQLite (schema engine, sqlite flavour). */
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

/** Prisma's own DDL for PostgreSQL (schema engine, postgres flavour), unqualified: it lands in the search_path's schema. */
const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

const SELECT_RECORDS =
  "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at";

interface RawRecord {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

function toRecord(row: RawRecord): MigrationRecord {
  return {
    name: row.migration_name,
    checksum: row.checksum,
    finished: row.finished_at !== null,
    rolledBack: row.rolled_back_at !== null,
  };
}

function openSqlite(target: MigrationTarget): MigrationDriver {
  const file = sqliteFilePath(parseDatabaseUrl(target.url));
  mkdirSync(dirname(file), { recursive: true });
  // A long wait for the write lock: another process may be mid-migration.
  const db = new BetterSqlite3(file, { timeout: LOCK_WAIT_SECONDS * 1000 });
  // Write-ahead logging (a property of the file, so set once here): readers never
  // wait for the writer, and a commit appends to the log instead of rewriting pages.
  db.pragma("journal_mode = WAL");
  return {
    prepare: async () => {},
    ensureMigrationsTable: async () => {
      db.transaction(() => {
        const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
        if (exists === undefined) db.exec(SQLITE_MIGRATIONS_TABLE);
      }).immediate();
    },
    listRecords: async () => db.prepare<[], RawRecord>(SELECT_RECORDS).all().map(toRecord),
    apply: async (migration) => {
      try {
        return db.transaction(() => {
          const appliedMeanwhile = db
            .prepare(
              "SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
            )
            .get(migration.name);
          if (appliedMeanwhile !== undefined) return false;
          const startedAt = Date.now();
          db.exec(migration.sql);
          // Prisma's engine stores SQLite timestamps as Unix milliseconds.
          db.prepare(
            `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
             VALUES (?, ?, ?, ?, ?, 1)`,
          ).run(randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
          return true;
        }).immediate();
      } catch (error) {
        throw migrationFailed(migration.name, error);
      }
    },
    close: async () => {
      db.close();
    },
  };
}

async function openPostgres(target: MigrationTarget): Promise<MigrationDriver> {
  const parsed = parseDatabaseUrl(target.url);
  const schema = target.schema ?? parsed.schema;
  if (schema !== undefined) assertSchemaName(schema);
  const client = new pg.Client({ connectionString: parsed.url, connectionTimeoutMillis: 15_000 });
  // A lost connection also fails the pending query, which reports it; an
  // unhandled 'error' event would crash the process instead.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    const { host, port } = new URL(parsed.url);
    throw new Error(`Cannot connect to PostgreSQL at ${host}${port ? "" : ":5432"}: ${errorMessage(error)}`, { cause: error });
  }
  return {
    prepare: async () => {
      await client.query(`SET lock_timeout = '${LOCK_WAIT_SECONDS}s'`);
      try {
        await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
      } catch (error) {
        throw new Error(
          `Could not take the migration lock (pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})) within ${LOCK_WAIT_SECONDS} s: ${errorMessage(error)}`,
          { cause: error },
        );
      }
      await client.query("SET lock_timeout = 0");
      if (schema !== undefined) {
        // Under the lock: concurrent CREATE SCHEMA IF NOT EXISTS can still collide.
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await client.query(`SET search_path TO "${schema}"`);
      }
    },
    ensureMigrationsTable: async () => {
      const result = await client.query<{ exists: boolean }>(
        "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
      );
      if (result.rows[0]?.exists !== true) await client.query(POSTGRES_MIGRATIONS_TABLE);
    },
    listRecords: async () => (await client.query<RawRecord>(SELECT_RECORDS)).rows.map(toRecord),
    apply: async (migration) => {
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw migrationFailed(migration.name, error);
      }
    },
    close: async () => {
      // Ending the session also releases the advisory lock.
      await client.end();
    },
  };
}

function migrationFailed(name: string, error: unknown): Error {
  return new Error(`Migration ${name} failed and was rolled back: ${errorMessage(error)}`, { cause: error });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
