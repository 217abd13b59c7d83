/**
 * `npm run reconcile [--days N] [--json]`: the operator's read-only report
 * of Telegram's Star ledger, the shop's payments, orders and refunds, and
 * the provider's orders over a period (default the last 7 days), listing
 * every mismatch with its ids. It reads the same environment as the bot and
 * changes nothing: no migration, no refund, no order.
 *
 * Exit code: 0 when everything agrees, 1 when a mismatch exists, 2 when the
 * report could not be made (bad arguments or configuration, a database that
 * is not migrated, Telegram or the database unreachable).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { TelegramStarLedger } from "../bot/telegram-star-ledger.ts";
import { createBackgroundApi } from "../bot/telegram-api.ts";
import { ConfigError, parseConfig, type Config } from "../config.ts";
import { createDatabase, parseDatabaseUrl, sqliteFilePath, type Database } from "../db/client.ts";
import { pendingMigrations } from "../db/migration-status.ts";
import { ReconcileReads } from "../db/reconcile-reads.ts";
import { GenericApiProvider } from "../providers/giapi/client.ts";
import { OctopusProvider } from "../providers/octopus/client.ts";
import type { EsimProvider } from "../providers/port.ts";
import { buildReconcileReport } from "../services/reconcile-report.ts";
import { formatReport } from "./reconcile-table.ts";

/** Where the command writes. */
export interface ReconcileOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = "usage: npm run reconcile [-- --days N] [-- --json]";

/** Runs the command; resolves to its exit code. */
export async function runReconcile(argv: string[], env: Record<string, string | undefined>, io: ReconcileOutput, now = new Date()): Promise<number> {
  const args = parseArguments(argv);
  if (typeof args === "string") {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) io.err(problem);
    return 2;
  }
  const target = parseDatabaseUrl(config.databaseUrl);
  if (target.provider === "sqlite" && !existsSync(sqliteFilePath(target))) {
    io.err(`The database ${sqliteFilePath(target)} does not exist: run npm run db:migrate (or start the bot) first.`);
    return 2;
  }
  const db = createDatabase(config.databaseUrl);
  const provider = providerClient(config.provider);
  try {
    return await report(db, provider.client, config, args, io, now);
  } catch (error) {
    io.err(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await provider.close();
    await db.close();
  }
}

async function report(db: Database, provider: EsimProvider, config: Config, args: Arguments, io: ReconcileOutput, now: Date): Promise<number> {
  const pending = await pendingMigrations(db.prisma, db.provider);
  if (pending.length > 0) {
    io.err(`The database is not migrated (${pending.length} migration(s) pending, from ${pending[0]}): run npm run db:migrate first.`);
    return 2;
  }
  const ledger = new TelegramStarLedger(createBackgroundApi(config.botToken, config.telegramApiRoot));
  const result = await buildReconcileReport({ reads: new ReconcileReads(db.prisma), ledger, provider }, now, args.days);
  if (args.json) io.out(JSON.stringify(result, null, 2));
  else for (const line of formatReport(result, args.days)) io.out(line);
  return result.mismatches.length > 0 ? 1 : 0;
}

interface Arguments {
  days: number;
  json: boolean;
}

/** The arguments, or what is wrong with them. */
function parseArguments(argv: string[]): Arguments | string {
  try {
    const { values } = parseArgs({ args: argv, options: { days: { type: "string" }, json: { type: "boolean" } }, strict: true });
    const days = values.days === undefined ? 7 : Number(values.days);
    if (!Number.isFinite(days) || days <= 0) return `--days expects a positive number of days, not "${values.days}"`;
    return { days, json: values.json === true };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A client of the configured provider. The built-in fakes are reached where
 * the running bot serves them (SANDBOX_PORT): the report starts no server.
 */
function providerClient(config: Config["provider"]): { client: EsimProvider; close(): Promise<void> } {
  const client = providerFor(config);
  return { client, close: () => client.close() };
}

function providerFor(config: Config["provider"]): GenericApiProvider | OctopusProvider {
  switch (config.kind) {
    case "sandbox":
      return new GenericApiProvider({ baseUrl: `http://127.0.0.1:${config.port}`, apiKey: "sandbox" });
    case "octopus-sandbox":
      return new OctopusProvider({ baseUrl: `http://127.0.0.1:${config.port}`, apiKey: "sandbox" });
    case "giapi":
      return new GenericApiProvider({ baseUrl: config.baseUrl, apiKey: config.apiKey });
    case "octopus":
      return new OctopusProvider({ baseUrl: config.baseUrl, apiKey: config.apiKey });
  }
}
