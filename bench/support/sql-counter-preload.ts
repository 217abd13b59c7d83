/**
 * Preloaded into the shop's process by bench/updates.ts when profiling
 * (after tsx's loader): counts the SQL statements the shop sends, by verb and
 * table ("SELECT User", "UPDATE ConversationState", "BEGIN"…), and hands the
 * counts to the bench over the IPC channel when asked. It wraps the two
 * drivers the Prisma adapters call (pg's Client#query, better-sqlite3's
 * Database#prepare) and changes nothing else: a CPU profile cannot tie async
 * database work to the code that asked for it, a count per update can.
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

/** Wraps `prototype[method]` so every call counts its first argument first. */
function wrap(prototype: Record<string, unknown>, method: string): void {
  const original = prototype[method] as (this: unknown, ...args: unknown[]) => unknown;
  prototype[method] = function (this: unknown, ...args: unknown[]) {
    count(args[0]);
    return original.apply(this, args);
  };
}

// Resolve the drivers from the repository root, as the adapters do, so the same module instances are patched.
const require = createRequire(join(fileURLToPath(new URL("../..", import.meta.url)), "package.json"));
wrap((require("pg") as { Client: { prototype: Record<string, unknown> } }).Client.prototype, "query");
wrap((require("better-sqlite3") as { prototype: Record<string, unknown> }).prototype, "prepare");

process.on("message", (message) => {
  if (message === SQL_COUNTS_REQUEST) process.send?.({ sqlCounts: Object.fromEntries(counts) });
});
// The channel must not keep the shop alive on its own.
process.channel?.unref();
