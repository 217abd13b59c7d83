/**
 * The bots a run compares, and how each is started: the emulator alone (a
 * raw HTTP client), the bare grammY bot (the ceiling), a bare bot making the
 * shop's calls for the search and purchase steps (their ceiling), and the shop as
 * `npm start` runs it (src/main.ts) on SQLite or on a fresh PostgreSQL schema.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseProvider } from "../../src/db/client.ts";
import { testPostgresUrl, withAdminClient } from "../../test/support/databases.ts";
import { startNodeFlags, type BotProcessSpec } from "./bot-process.ts";

/**
 * A bot under benchmark; "same-calls" is a bare grammY bot making the shop's
 * Bot API calls for the search and purchase steps (same-calls-bot.ts);
 * "webhook" is the shop in webhook mode, `instances` processes on PostgreSQL (webhook-target.ts).
 */
export type Target =
  | { kind: "raw" }
  | { kind: "bare" }
  | { kind: "same-calls" }
  | { kind: "shop"; db: DatabaseProvider }
  | { kind: "webhook"; instances: number };

/** How the tables name a target. */
export function targetLabel(target: Target): string {
  if (target.kind === "raw") return "emulator alone";
  if (target.kind === "bare") return "bare grammY";
  if (target.kind === "same-calls") return "grammY, same calls";
  if (target.kind === "webhook") return `shop webhook ×${target.instances}`;
  return `shop ${target.db}`;
}

/** A target ready to start, with what to delete afterwards. */
export interface PreparedTarget {
  spec: BotProcessSpec;
  /** Deletes the temporary folder and, on PostgreSQL, the schema. */
  cleanup(): Promise<void>;
}

/** Where the shop's CPU profiles go (one folder per target). */
export interface ProfileRequest {
  dir: string;
}

/** Creates the target's folder (and schema) and its process spec. */
export async function prepareTarget(
  target: Exclude<Target, { kind: "webhook" }>,
  telegram: { token: string; apiRoot: string },
  shop: { logLevel: string; profile?: ProfileRequest },
): Promise<PreparedTarget> {
  const dir = mkdtempSync(join(tmpdir(), "bench-updates-"));
  const base = { cwd: dir, stdoutFile: join(dir, "stdout.log") };
  const telegramEnv = { BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot };
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  if (target.kind === "raw") return { spec: { ...base, script: "bench/support/raw-client.ts", env: telegramEnv }, cleanup: removeDir };
  if (target.kind === "bare") return { spec: { ...base, script: "bench/support/bare-bot.ts", env: telegramEnv }, cleanup: removeDir };
  if (target.kind === "same-calls") return { spec: { ...base, script: "bench/support/same-calls-bot.ts", env: telegramEnv }, cleanup: removeDir };

  const database = target.db === "sqlite" ? { url: `file:${join(dir, "shop.db")}`, drop: async () => {} } : await freshSchema();
  const env = {
    ...telegramEnv,
    DATABASE_URL: database.url,
    SANDBOX_PORT: "0",
    SANDBOX_DATABASE: join(dir, "sandbox.db"),
    // No lifecycle poll may start in the middle of a phase.
    POLL_CRON: "0 0 1 1 *",
    // The dashboard runs as in production, on a free port (8080 may be taken on a shared machine).
    DASHBOARD_PORT: "0",
    LOG_LEVEL: shop.logLevel,
  };
  // Node's default file names keep the main thread's profile apart from the tsx loader thread's.
  const nodeFlags = [...startNodeFlags(), ...(shop.profile ? ["--cpu-prof", `--cpu-prof-dir=${shop.profile.dir}`] : [])];
  // While profiling, also count SQL statements per update (the profile cannot tie async queries to their callers).
  const counting = shop.profile ? { preload: ["bench/support/sql-counter-preload.ts"], ipc: true } : {};
  return {
    spec: { ...base, script: "src/main.ts", env, nodeFlags, ...counting },
    cleanup: async () => {
      await database.drop();
      await removeDir();
    },
  };
}

/** A new schema in the test PostgreSQL database, and how to drop it. */
export async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(testPostgresUrl());
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    drop: () => withAdminClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
  };
}
