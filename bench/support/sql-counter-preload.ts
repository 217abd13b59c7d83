/**
 * Preloaded into the shop's process by bench/updates.ts when profiling
 * (after tsx's loader): counts the SQL statements the shop sends, by verb and
 * table ("SELECT User", "UPDATE ConversationState", "BEGIN"…), and hands the
 * counts to the bench over the IPC channel when asked. It wraps the two
 * drivers the Prisma adapters call (pg's Client#query, the runs of
 * better-sqlite3's statements, which the shop prepares once and runs many
 * times) and changes nothing else: a CPU profile cannot tie async database
 * work to the code that asked for it, a count per update can.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SQL_COUNTS_REQUEST, statementKind } from "./sql-counts.ts";

const counts = new Map<string, number>();
// Prisma sends the same few statement texts again and again: classify each text once.
const kinds = new Map<string, string>();

function count(sql: unknown): void {
  const text = typeof sql === "string" ? sql : (sql as { text?: unknown } | null)?.text;
  if (typeof text !== "string") return;
  let kind = kinds.get(text);
  if (kind === undefined) {
    kind = statementKind(text);
    kinds.set(text, kind);
  }
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
}

/** Wraps `prototype[method]` so every call counts its SQL first: `sqlOf` finds it in the call. */
function wrap(prototype: Record<string, unknown>, method: string, sqlOf: (self: unknown, args: unknown[]) => unknown): void {
  const original = prototype[method] as (this: unknown, ...args: unknown[]) => unknown;
  prototype[method] = function (this: unknown, ...args: unknown[]) {
    count(sqlOf(this, args));
    return original.apply(this, args);
  };
}

// Resolve the drivers from the repository root, as the adapters do, so the same module instances are patched.
const require = createRequire(join(fileURLToPath(new URL("../..", import.meta.url)), "package.json"));
wrap((require("pg") as { Client: { prototype: Record<string, unknown> } }).Client.prototype, "query", (_, args) => args[0]);
// better-sqlite3 does not export its Statement class: take it from a statement.
const Sqlite = require("better-sqlite3") as new (file: string) => { prepare(sql: string): object; close(): void };
const probe = new Sqlite(":memory:");
const statementPrototype = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
probe.close();
for (const method of ["run", "get", "all", "iterate"]) wrap(statementPrototype, method, (self) => (self as { source: string }).source);

process.on("message", (message) => {
  if (message === SQL_COUNTS_REQUEST) process.send?.({ sqlCounts: Object.fromEntries(counts) });
});
// The channel must not keep the shop alive on its own.
process.channel?.unref();
