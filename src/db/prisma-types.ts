/**
 * The Prisma client type repositories are written against. Both generated
 * clients (SQLite and PostgreSQL) share one model API; see client.ts.
 */
import type { PrismaClient } from "../generated/sqlite/client.ts";
import type { Prisma } from "../generated/sqlite/client.ts";

export type ShopPrisma = PrismaClient;
export type ShopTransaction = Prisma.TransactionClient;

/** True for Prisma's unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
