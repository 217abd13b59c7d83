/**
 * Durable storage for @grammyjs/conversations, one `ConversationState` row per key.
 *
 * ```ts
 * bot.use(conversations({
 *   storage: { type: "key", prefix: "conv:", version: 1, adapter: createConversationStorageAdapter(prisma) },
 * }));
 * ```
 */
import type { StorageAdapter } from "grammy";
import { createConversationStateWriter } from "./conversation-state-writer.ts";
import type { Database } from "./client.ts";
import type { DriverStatements } from "./driver-statements.ts";
import type { ShopPrisma } from "./prisma-types.ts";

/**
 * A grammY storage adapter backed by the `ConversationState` table.
 *
 * Values are stored as JSON text and parsed on every read, so what a
 * conversation gets back is always a JSON round trip of what it wrote, in
 * production and in tests alike: a `Date` returns as a string and a `BigInt`
 * fails the write, which is exactly what conversations v2 requires.
 *
 * @typeParam T the stored value, for conversations `VersionedState<ConversationData>`
 */
export function createConversationStorageAdapter<T>({ prisma, statements }: StateDatabase): StorageAdapter<T> {
  const writer = createConversationStateWriter(statements);
  return {
    async read(key) {
      const json = await readStateJson(statements, key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    async write(key, value) {
      await writer.write(key, JSON.stringify(value));
    },
    async delete(key) {
      await writer.settled(key);
      // deleteMany: deleting a key that is not there is not an error.
      await prisma.conversationState.deleteMany({ where: { key } });
    },
    async has(key) {
      return (await prisma.conversationState.count({ where: { key } })) > 0;
    },
  };
}

/** What conversation state is kept with: the model API, and plain statements for the state's JSON text. */
export type StateDatabase = Pick<Database, "prisma" | "statements">;

/*
 * Reads and writes are plain SQL on the driver's connection (the same text on
 * SQLite and PostgreSQL; the Date is stored as the model API stores it): a
 * purchase step reads and writes a few KB of state, and the model API's
 * query building cost 2-3 times the statement itself, Prisma's raw queries a
 * JSON copy of every parameter (bench:updates, search step; see
 * driver-statements.ts). Writes go in batches: see conversation-state-writer.ts.
 */

/** The stored JSON text of `key`, or undefined. */
export async function readStateJson(statements: DriverStatements, key: string): Promise<string | undefined> {
  const rows = await statements.query(`SELECT "value" FROM "ConversationState" WHERE "key" = ?`, [key]);
  const value = rows[0]?.[0];
  return typeof value === "string" ? value : undefined;
}

/**
 * Deletes conversation state not written since `cutoff` (abandoned
 * conversations: `maxMillisecondsToWait` is only checked when the user writes again).
 *
 * @returns the number of rows deleted
 */
export async function deleteConversationStatesOlderThan(prisma: ShopPrisma, cutoff: Date): Promise<number> {
  const { count } = await prisma.conversationState.deleteMany({ where: { updatedAt: { lt: cutoff } } });
  return count;
}
