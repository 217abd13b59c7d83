/** What the bench and the SQL counter preloaded into the shop (sql-counter-preload.ts) share. */

/** The IPC message that asks the shop's process for its counts. */
export const SQL_COUNTS_REQUEST = "bench:sql-counts";

/** The answer: statements so far by "VERB Table". */
export interface SqlCountsReply {
  sqlCounts: Record<string, number>;
}

/** "VERB Table" of a statement; Prisma quotes identifiers with " (PostgreSQL) or ` (SQLite). */
export function statementKind(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+(?:["`][^"`]+["`]\.)?["`]([^"`]+)["`]/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** Whether an IPC message is the counter's answer. */
export function isSqlCountsReply(message: unknown): message is SqlCountsReply {
  return typeof message === "object" && message !== null && "sqlCounts" in message;
}
