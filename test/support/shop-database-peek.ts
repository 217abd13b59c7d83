/**
 * Reads a running shop's database from a test without disturbing it.
 *
 * PostgreSQL: through the test's own client. SQLite: in a short-lived child
 * process. SQLite waits for locks synchronously (better-sqlite3's busy
 * timeout), and after a shop process is SIGKILLed mid-write a reader can
 * spin on the write-ahead log's locks for seconds; in the test's own process
 * that freezes its event loop, and with it the Telegram emulator and the
 * sandbox provider the shop is talking to. A child process waits on its own.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sqliteFilePath, parseDatabaseUrl } from "../../src/db/client.ts";
import { queryRows, type TestDatabase } from "./databases.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

// Plain CommonJS for `node -e`: open read-only, run one query, print its rows as JSON (BigInt as numbers).
const READ_SCRIPT = `
const Database = require("better-sqlite3");
const [file, sql, params] = process.argv.slice(1);
const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10000 });
try {
  const rows = db.prepare(sql).all(...JSON.parse(params));
  process.stdout.write(JSON.stringify(rows, (key, value) => (typeof value === "bigint" ? Number(value) : value)));
} finally {
  db.close();
}`;

/** Rows of a read-only query with `?` placeholders (numbered for PostgreSQL here). */
export type Peek = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

/** A way to read `database` while a shop process works on it. */
export function peekAt(database: TestDatabase): Peek {
  if (database.kind === "postgresql") {
    return (sql, ...params) => {
      let n = 0;
      return queryRows(database.db, sql.replace(/\?/g, () => `$${++n}`), ...params);
    };
  }
  const file = sqliteFilePath(parseDatabaseUrl(database.url));
  return async (sql, ...params) => {
    const { stdout } = await run(process.execPath, ["-e", READ_SCRIPT, file, sql, JSON.stringify(params)], { cwd: ROOT });
    return JSON.parse(stdout) as Record<string, unknown>[];
  };
}
