/**
 * Where conversation state lives, and how the sweep reaches it. Two kinds:
 *
 * - `shared` (webhook mode, several instances): every update reads its chat's
 *   row, as any instance may have written it.
 * - `owned` (long polling: one process owns the updates and the table): the
 *   keys that have a row are loaded once, so a chat with no conversation (most
 *   /start and menu updates) costs no query at all, and recent states are
 *   kept in memory as JSON text (bounded by size), so a waiting purchase is
 *   read without a query too. Every write goes to the database first.
 */
import type { StorageAdapter } from "grammy";
import { LRUCache } from "lru-cache";
import { createConversationStateWriter } from "./conversation-state-writer.ts";
import {
  createConversationStorageAdapter,
  deleteConversationStatesOlderThan,
  readStateJson,
  type StateDatabase,
} from "./conversation-storage.ts";

/** Conversation state storage and its sweep. */
export interface ConversationStore<T> {
  adapter: StorageAdapter<T>;
  /** Deletes state not written since `cutoff` (abandoned conversations); returns how many rows went. */
  sweep(cutoff: Date): Promise<number>;
}

/** Every update reads the database: for several instances sharing it. */
export function sharedConversationStore<T>(db: StateDatabase): ConversationStore<T> {
  return { adapter: createConversationStorageAdapter<T>(db), sweep: (cutoff) => deleteConversationStatesOlderThan(db.prisma, cutoff) };
}

/** Options of {@link ownedConversationStore}. */
export interface OwnedStoreOptions {
  /** Most JSON characters of state kept in memory (states are at most ~40 KB each). */
  maxCachedChars: number;
}

/**
 * Answers from memory where it can: only for a process that is the only one
 * reading and writing the table (nothing else may write it, or it would not
 * be seen).
 */
export function ownedConversationStore<T>({ prisma, statements }: StateDatabase, options: OwnedStoreOptions): ConversationStore<T> {
  // Keys that may have a row: every key with a row is in it (it may hold a few more after a sweep).
  let keys: Promise<Set<string>> | undefined;
  const knownKeys = () =>
    (keys ??= prisma.conversationState.findMany({ select: { key: true } }).then((found) => new Set(found.map((row) => row.key))));
  const values = new LRUCache<string, string>({ maxSize: options.maxCachedChars, sizeCalculation: (json) => Math.max(1, json.length) });
  const writer = createConversationStateWriter(statements);

  const adapter: StorageAdapter<T> = {
    async read(key) {
      if (!(await knownKeys()).has(key)) return undefined;
      let json = values.get(key);
      if (json === undefined) {
        json = await readStateJson(statements, key);
        if (json === undefined) {
          (await knownKeys()).delete(key);
          return undefined;
        }
        values.set(key, json);
      }
      // Parsed on every read: a conversation mutates what it gets, and must get a JSON round trip of what it wrote.
      return JSON.parse(json) as T;
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      const known = await knownKeys();
      values.delete(key);
      await writer.write(key, json);
      known.add(key);
      values.set(key, json);
    },
    async delete(key) {
      const known = await knownKeys();
      values.delete(key);
      await writer.settled(key);
      await prisma.conversationState.deleteMany({ where: { key } });
      known.delete(key);
    },
    async has(key) {
      return (await adapter.read(key)) !== undefined;
    },
  };

  return {
    adapter,
    async sweep(cutoff) {
      const stale = await prisma.conversationState.findMany({ where: { updatedAt: { lt: cutoff } }, select: { key: true } });
      if (stale.length === 0) return 0;
      const staleKeys = stale.map((row) => row.key);
      // A chat that wrote meanwhile keeps its row (the delete re-checks the age); the next read finds out from the database.
      for (const key of staleKeys) values.delete(key);
      const { count } = await prisma.conversationState.deleteMany({ where: { key: { in: staleKeys }, updatedAt: { lt: cutoff } } });
      for (const key of staleKeys) values.delete(key);
      return count;
    },
  };
}
