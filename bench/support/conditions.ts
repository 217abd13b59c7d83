/** The conditions a run measured under, printed with its figures (these machines are shared and noisy). */
import { cpus, loadavg, totalmem } from "node:os";
import Database from "better-sqlite3";
import { testPostgresUrl, withAdminClient } from "../../test/support/databases.ts";

/** Lines describing the machine, the load and the databases. */
export async function describeConditions(): Promise<string[]> {
  const cores = cpus();
  const sqlite = new Database(":memory:");
  const sqliteVersion = (sqlite.prepare("select sqlite_version() as v").get() as { v: string }).v;
  sqlite.close();
  const postgres = await withAdminClient((client) => client.query<{ server_version: string }>("show server_version"))
    .then((result) => `PostgreSQL ${result.rows[0]?.server_version ?? "?"} at ${redact(testPostgresUrl())}`)
    .catch((error: unknown) => `PostgreSQL unavailable (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  return [
    `node ${process.version}, ${cores.length} cores (${cores[0]?.model.trim() ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `loadavg at start ${formatLoad()}`,
    `SQLite ${sqliteVersion} (file in a temporary folder); ${postgres}, a fresh schema per run`,
    "bots in child processes (node + tsx loader, as npm start), emulator and simulated users in this process, loopback only",
  ];
}

/** The 1, 5 and 15 minute load averages. */
export function formatLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" / ");
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
