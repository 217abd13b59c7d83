/**
 * The Prisma client factory: one `DATABASE_URL` in, a connected-on-demand
 * client for SQLite (better-sqlite3, the default) or PostgreSQL (pg) out.
 *
 * ```ts
 * const target = parseDatabaseUrl(config.databaseUrl);
 * await applyMigrations(target);
 * const db = createDatabase(config.databaseUrl);
 * // ... db.prisma.user.findUnique(...)
 * await db.close();
 * ```
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqlitePrismaClient } from "../generated/sqlite/client.ts";
import { PrismaClient as PostgresPrismaClient } from "../generated/postgresql/client.ts";
import { DriverConnection, driverStatements, type DriverStatements } from "./driver-statements.ts";
import type { ShopPrisma } from "./prisma-types.ts";
import { serializedSqliteAdapter } from "./serialized-sqlite-adapter.ts";
import { keptStatementsAdapter } from "./sqlite-statement-cache.ts";

/** The database engines the shop runs on. */
export type DatabaseProvider = "sqlite" | "postgresql";

/** A database URL, classified and normalised by {@link parseDatabaseUrl}. */
export interface DatabaseTarget {
  provider: DatabaseProvider;
  /**
   * SQLite: `file:` followed by an absolute path. PostgreSQL: the connection
   * string without Prisma's `schema` parameter (that is in `schema`).
   */
  url: string;
  /** PostgreSQL only: the schema named by the URL's `?schema=` parameter, if any. */
  schema?: string;
}

/** An open database: the Prisma client and how to release it. */
export interface Database {
  provider: DatabaseProvider;
  /** The model API; repositories are written once against {@link ShopPrisma}. */
  prisma: ShopPrisma;
  /** Plain statements on Prisma's connection, for parameters too large for Prisma's raw-query path (see driver-statements.ts). */
  statements: DriverStatements;
  /** Disconnects the client (closes the SQLite file or ends the pg pool). */
  close(): Promise<void>;
}

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** PostgreSQL schema to use instead of the URL's `?schema=` (or `public`). */
  pgSchema?: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Classifies a database URL and normalises it.
 *
 * - `file:./data/esim.db` → SQLite; a relative path is resolved against the
 *   current working directory, so the migrator and the client open the same file.
 * - `postgres://…` / `postgresql://…` → PostgreSQL; Prisma's `?schema=name`
 *   parameter is taken out of the URL into `schema`.
 *
 * @throws Error naming the scheme when the URL is of any other kind.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed.startsWith("file:")) {
    const path = trimmed.slice("file:".length);
    if (path === "" || path.includes("?")) {
      throw new Error(`Unsupported SQLite URL "${trimmed}": use file:<path>, e.g. file:./data/esim.db (no query parameters)`);
    }
    return { provider: "sqlite", url: `file:${resolve(path)}` };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      // Never echo the URL: it may carry a password.
      throw new Error("Invalid PostgreSQL URL: expected postgresql://user:password@host:port/database");
    }
    const schema = parsed.searchParams.get("schema") ?? undefined;
    if (schema !== undefined) {
      assertSchemaName(schema);
      parsed.searchParams.delete("schema");
    }
    return { provider: "postgresql", url: parsed.toString(), ...(schema === undefined ? {} : { schema }) };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1];
  throw new Error(
    `Unsupported database URL${scheme ? ` scheme "${scheme}:"` : ""}: use file:./path.db (SQLite) or postgresql://… (PostgreSQL)`,
  );
}

/**
 * The database in words for the logs, without credentials, e.g.
 * "SQLite /srv/shop/data/esim.db" or "PostgreSQL db.example.com:5432/shop".
 */
export function describeDatabase(url: string): string {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") return `SQLite ${sqliteFilePath(target)}`;
  const parsed = new URL(target.url);
  const schema = target.schema ? ` (schema ${target.schema})` : "";
  return `PostgreSQL ${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}${schema}`;
}

/**
 * The file system path of a SQLite target's URL (`file:` stripped).
 * @param target a target returned by {@link parseDatabaseUrl}
 */
export function sqliteFilePath(target: DatabaseTarget): string {
  return resolve(target.url.replace(/^file:/, ""));
}

/**
 * Throws unless `name` is a plain PostgreSQL identifier. Schema names end up
 * in SQL and in the connection's `search_path`, so only safe ones are accepted.
 */
export function assertSchemaName(name: string): void {
  if (!SCHEMA_NAME.test(name)) {
    throw new Error(`Invalid PostgreSQL schema name "${name}": use letters, digits and _ (max 63), not starting with a digit`);
  }
}

/**
 * Prisma's defaults (2 s to get a connection, 5 s to finish) fail short
 * transactions on a busy machine; a payment or a lifecycle reading would then
 * wait for its next retry. Generous limits keep them going.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

/**
 * Builds the Prisma client for a database URL. Nothing connects until the
 * first query. Apply the migrations (see `applyMigrations`) before using it.
 *
 * SQLite: the parent directory of the file is created if missing.
 * PostgreSQL: `options.pgSchema` (or the URL's `?schema=`) selects a schema
 * other than `public`; it becomes the connection's `search_path` too, so raw
 * queries see the same tables as the model API.
 */
export function createDatabase(url: string, options: CreateDatabaseOptions = {}): Database {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") {
    const file = sqliteFilePath(target);
    mkdirSync(dirname(file), { recursive: true });
    // One connection: queries outside a transaction wait while one is open (see serialized-sqlite-adapter.ts);
    // its statements are prepared once per SQL text (sqlite-statement-cache.ts).
    const driver = new DriverConnection(serializedSqliteAdapter(keptStatementsAdapter(new PrismaBetterSqlite3({ url: file }))));
    const prisma = new SqlitePrismaClient({ adapter: driver.factory, transactionOptions: TRANSACTION_OPTIONS });
    return { provider: "sqlite", prisma, ...driverParts("sqlite", driver, prisma) };
  }

  const schema = options.pgSchema ?? target.schema;
  if (schema !== undefined) assertSchemaName(schema);
  const pg = new PrismaPg(
    {
      connectionString: target.url,
      ...(schema === undefined ? {} : { options: `-c search_path="${schema}"` }),
    },
    schema === undefined ? undefined : { schema },
  );
  const driver = new DriverConnection(pg);
  const client = new PostgresPrismaClient({ adapter: driver.factory, transactionOptions: TRANSACTION_OPTIONS });
  // The cast is unavoidable and confined to this line. Both classes are
  // generated from the same models, so at run time they expose the same
  // model API; the PostgreSQL one only accepts more (e.g. `mode: "insensitive"`,
  // more isolation levels). TypeScript cannot see that the two separately
  // generated declaration trees match (their conditional aggregate types are
  // compared nominally), so it rejects the assignment. Typing repositories
  // against the SQLite client keeps them to the subset both databases support.
  const prisma = client as unknown as ShopPrisma;
  return { provider: "postgresql", prisma, ...driverParts("postgresql", driver, client) };
}

/** The statements on the client's connection, and a close that forgets that connection. */
function driverParts(provider: DatabaseProvider, driver: DriverConnection, client: { $connect(): Promise<void>; $disconnect(): Promise<void> }) {
  return {
    statements: driverStatements(provider, () => driver.connection(() => client.$connect())),
    close: () => {
      driver.forget();
      return client.$disconnect();
    },
  };
}
