/**
 * Claiming due rows, the one way every worker table does it (fulfilment jobs,
 * the notification outbox, eSIMs to poll): a single UPDATE … RETURNING picks
 * the oldest due rows and leases them, so the pick and the lease are atomic
 * on both databases. On PostgreSQL the pick also skips rows that another
 * claimer is taking right now (`FOR UPDATE SKIP LOCKED`), so several
 * instances share the work instead of queueing behind each other's locks.
 */
import { Prisma } from "../generated/sqlite/client.ts";
import type { DatabaseProvider } from "./client.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/**
 * What to claim. Table and column names are constants of our code, never
 * input: they are written into the SQL as quoted identifiers.
 */
export interface ClaimSpec {
  table: string;
  /** The primary key column. */
  key: string;
  /** Which rows may be claimed: a condition with bound values. */
  due: Prisma.Sql;
  /** Rows with the smallest values of this column are claimed first. */
  orderBy: string;
  /** The lease column, set to `leaseUntil`. */
  leaseColumn: string;
  leaseUntil: Date;
  /** Written to `updatedAt`, as Prisma's own updates do. */
  now: Date;
  /**
   * More assignments made by the same statement, e.g. `"status" = 'sending'`:
   * a claim that also marks the row as attempted, so that no crash can fall
   * between the two.
   */
  alsoSet?: Prisma.Sql;
  limit: number;
  /** The columns each claimed row comes back with. */
  returning: readonly string[];
}

/** Leases up to `spec.limit` due rows in one statement and returns them (in no particular order). */
export function claimRows<Row>(prisma: ShopPrisma, provider: DatabaseProvider, spec: ClaimSpec): Promise<Row[]> {
  const table = identifier(spec.table);
  const key = identifier(spec.key);
  const skipLocked = provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const returning = Prisma.join(spec.returning.map(identifier));
  // The key breaks ties, so the pick is the same whatever order the rows were written in.
  const order = spec.orderBy === spec.key ? key : Prisma.sql`${identifier(spec.orderBy)}, ${key}`;
  const also = spec.alsoSet ? Prisma.sql`, ${spec.alsoSet}` : Prisma.empty;
  return prisma.$queryRaw<Row[]>`
    UPDATE ${table} SET ${identifier(spec.leaseColumn)} = ${spec.leaseUntil}, "updatedAt" = ${spec.now}${also}
    WHERE ${key} IN (
      SELECT ${key} FROM ${table}
      WHERE ${spec.due}
      ORDER BY ${order}
      LIMIT ${spec.limit}
      ${skipLocked}
    )
    RETURNING ${returning}`;
}

/** A lease that is free: never taken, or run out by `now`. */
export function leaseFree(leaseColumn: string, now: Date): Prisma.Sql {
  const column = identifier(leaseColumn);
  return Prisma.sql`(${column} IS NULL OR ${column} < ${now})`;
}

function identifier(name: string): Prisma.Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
}
