/**
 * Whether a database has every committed migration, without changing it
 * (the reconcile report must not migrate). Reads `_prisma_migrations`.
 */
import type { DatabaseProvider } from "./client.ts";
import { defaultMigrationsDir, readMigrations } from "./migrate.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/** The committed migrations the database has not applied: all of them when it was never migrated. */
export async function pendingMigrations(prisma: ShopPrisma, provider: DatabaseProvider): Promise<string[]> {
  const committed = readMigrations(defaultMigrationsDir(provider), provider).map((migration) => migration.name);
  if (!(await hasMigrationsTable(prisma, provider))) return committed;
  const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((row) => row.migration_name));
  return committed.filter((name) => !applied.has(name));
}

async function hasMigrationsTable(prisma: ShopPrisma, provider: DatabaseProvider): Promise<boolean> {
  const rows =
    provider === "sqlite"
      ? await prisma.$queryRaw<unknown[]>`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`
      : await prisma.$queryRaw<unknown[]>`SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = '_prisma_migrations'`;
  return rows.length > 0;
}
