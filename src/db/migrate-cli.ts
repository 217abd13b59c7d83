/**
 * `npm run db:migrate`: applies the committed migrations to `DATABASE_URL`
 * (default `file:./data/esim.db`; `.env` is read when present). Prints one
 * line per migration applied, or that the database is up to date; on failure
 * prints one line and exits with status 1.
 */
import { existsSync } from "node:fs";
import { parseDatabaseUrl } from "./client.ts";
import { applyMigrations } from "./migrate.ts";

/** The default database: a SQLite file under ./data. */
const DEFAULT_DATABASE_URL = "file:./data/esim.db";

/** Runs the command; resolves to the process exit code. */
async function runMigrateCli(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const target = parseDatabaseUrl(env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
    const { applied } = await applyMigrations(target, { log: (line) => console.log(line) });
    if (applied.length === 0) console.log(`Database (${target.provider}) is up to date`);
    return 0;
  } catch (error) {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (existsSync(".env")) process.loadEnvFile(".env");
process.exitCode = await runMigrateCli();
