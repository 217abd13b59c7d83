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
export function createConversationStorageAdapter<T>(prisma: ShopPrisma): StorageAdapter<T> {
  return {
    async read(key) {
      const row = await prisma.conversationState.findUnique({ where: { key } });
      return row === null ? undefined : (JSON.parse(row.value) as T);
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      await prisma.conversationState.upsert({
        where: { key },
        create: { key, value: json },
        update: { value: json },
      });
    },
    async delete(key) {
      // deleteMany: deleting a key that is not there is not an error.
      await prisma.conversationState.deleteMany({ where: { key } });
    },
    async has(key) {
      return (await prisma.conversationState.count({ where: { key } })) > 0;
    },
  };
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
