/**
 * Statements sent to the driver adapter connection Prisma opened, past
 * Prisma's client. Prisma's raw queries turn every parameter into JSON and
 * parse it back before binding it; conversation state is a few KB of JSON
 * text written on every purchase step, and in an allocation profile of the
 * search step (bench:updates) those two copies were 15 % of every byte the
 * shop allocated. The statements use the very connection Prisma uses, so on
 * SQLite they wait in the same queue as every other query
 * (serialized-sqlite-adapter.ts).
 */
import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import type { DatabaseProvider } from "./client.ts";

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
type SqlQuery = Parameters<SqlDriverAdapter["executeRaw"]>[0];
type ArgType = SqlQuery["argTypes"][number];

/** A parameter: text, or a time (stored as the model API stores a DateTime). */
export type SqlParam = string | Date;

/** Plain statements on the shop's database connection. */
export interface DriverStatements {
  /**
   * Runs a statement and returns how many rows it changed. `?` marks each
   * parameter, on both databases (the SQL must hold no other `?`).
   */
  execute(sql: string, params: readonly SqlParam[]): Promise<number>;
  /** The rows of a query, each an array of its column values in order. */
  query(sql: string, params: readonly SqlParam[]): Promise<unknown[][]>;
}

/**
 * Keeps the connection a factory's latest `connect()` made: give Prisma
 * {@link factory}, then reach the same connection through {@link connection}.
 */
export class DriverConnection {
  #current: SqlDriverAdapter | undefined;
  /** The factory to give Prisma's client. */
  readonly factory: SqlDriverAdapterFactory;

  constructor(inner: SqlDriverAdapterFactory) {
    this.factory = {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => (this.#current = await inner.connect()),
    };
  }

  /** The open connection; `open` makes Prisma's client connect when it has not yet (it connects on first use). */
  async connection(open: () => Promise<void>): Promise<SqlDriverAdapter> {
    if (!this.#current) await open();
    if (!this.#current) throw new Error("the database client did not open a connection");
    return this.#current;
  }

  /** Forgets the connection (the client is disconnecting); the next statement waits for a new one. */
  forget(): void {
    this.#current = undefined;
  }
}

const TEXT: ArgType = { scalarType: "string", arity: "scalar" };
const TIME: ArgType = { scalarType: "datetime", arity: "scalar" };

/** Statements over `connection`; PostgreSQL gets `$1…$n` for the `?` marks. */
export function driverStatements(provider: DatabaseProvider, connection: () => Promise<SqlDriverAdapter>): DriverStatements {
  const toQuery = (sql: string, params: readonly SqlParam[]): SqlQuery => {
    let n = 0;
    return {
      sql: provider === "postgresql" ? sql.replace(/\?/g, () => `$${++n}`) : sql,
      args: [...params],
      // Both adapters format a Date for a datetime argument exactly as Prisma's own queries store it.
      argTypes: params.map((param) => (typeof param === "string" ? TEXT : TIME)),
    };
  };
  return {
    async execute(sql, params) {
      return (await connection()).executeRaw(toQuery(sql, params));
    },
    async query(sql, params) {
      return (await (await connection()).queryRaw(toQuery(sql, params))).rows;
    },
  };
}
