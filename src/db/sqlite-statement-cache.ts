/**
 * Prepared statements kept per SQL text on the shop's SQLite connection.
 *
 * `@prisma/adapter-better-sqlite3` prepares every statement again on every
 * query (`client.prepare(sql).bind(args)`), and SQLite compiles it each
 * time: Prisma's statements name every column, so a purchase spent 6 % of
 * its CPU in `prepare` (bench:updates, purchase steps). Prisma's statements
 * take their values as parameters, so a few hundred texts cover the shop.
 * better-sqlite3 binds a statement's parameters for good with `bind`, so the
 * connection's `prepare` is replaced by one that hands out a light statement
 * over the kept one, passing the values at each run instead. It offers
 * exactly what the adapter calls (checked at connect, so an upgrade that
 * calls more fails at start, not at some query).
 */
import type BetterSqlite3 from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { wrapSqliteConnections, type SqliteAdapterFactory } from "./serialized-sqlite-adapter.ts";

/** Most statements kept (the shop runs about two hundred different ones). */
const KEPT_STATEMENTS = 1_000;

type Statement = BetterSqlite3.Statement<unknown[]>;

/** A kept statement, and its columns once read: the adapter asks for them at every read; they change only with the schema, which is migrated before the shop connects. */
interface Kept {
  statement: Statement;
  columns?: BetterSqlite3.ColumnDefinition[];
}

/** What the adapter does with a statement: run it, or bind it once and then run or read it. */
class KeptStatement {
  constructor(
    private readonly kept: Kept,
    private readonly values: unknown[] = [],
  ) {}

  get reader(): boolean {
    return this.kept.statement.reader;
  }

  bind(values: unknown[]): KeptStatement {
    return new KeptStatement(this.kept, values);
  }

  run(): BetterSqlite3.RunResult {
    return this.kept.statement.run(this.values);
  }

  columns(): BetterSqlite3.ColumnDefinition[] {
    return (this.kept.columns ??= this.kept.statement.columns());
  }

  /** Rows as arrays from now on, as the adapter reads every query (its only reads). */
  raw(): KeptStatement {
    this.kept.statement.raw(true);
    return this;
  }

  all(): unknown[] {
    return this.kept.statement.all(this.values);
  }
}

/** The adapter's `client`: the better-sqlite3 connection it prepares on. */
interface WithClient {
  client?: { prepare?: (sql: string) => unknown };
}

/** `factory`, whose connections keep their prepared statements. */
export function keptStatementsAdapter(factory: SqliteAdapterFactory): SqliteAdapterFactory {
  return wrapSqliteConnections(factory, keepPreparedStatements);
}

/**
 * Makes the adapter's connection keep its prepared statements; returns the
 * adapter. Throws when it no longer exposes its connection as `client`.
 */
function keepPreparedStatements<A extends object>(adapter: A): A {
  const client = (adapter as WithClient).client;
  if (typeof client?.prepare !== "function") {
    throw new Error("@prisma/adapter-better-sqlite3 no longer has a `client` with `prepare`: remove keepPreparedStatements");
  }
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  const statements = new LRUCache<string, Kept>({ max: KEPT_STATEMENTS });
  client.prepare = (sql: string) => {
    let kept = statements.get(sql);
    if (kept === undefined) {
      kept = { statement: prepare(sql) };
      statements.set(sql, kept);
    }
    return new KeptStatement(kept);
  };
  return adapter;
}
