/**
 * Conversation state kept in memory by the polling process (src/db/conversation-store.ts):
 * a chat with no conversation costs no query, what a conversation wrote is
 * read back as a JSON copy (from memory, or from the database after a
 * restart), the sweep's deletions are seen, and in webhook mode every
 * instance reads the database, so the next update of a chat may go to any.
 */
import type { VersionedState } from "@grammyjs/conversations";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conversationStoreFor } from "../src/app.ts";
import type { StateDatabase } from "../src/db/conversation-storage.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

const POLLING = { telegramWebhook: undefined };
const WEBHOOK = { telegramWebhook: { url: "https://shop.example.com/telegram", secret: "s".repeat(32), path: "/telegram" } };

type State = VersionedState<{ step: string; items: number[] }>;
const waiting = (step: string): State => ({ version: [0, 4], state: { step, items: [1, 2] } });

/** The database with a count of the statements on the ConversationState table (model API and plain statements). */
function counted({ prisma, statements }: StateDatabase): { db: StateDatabase; queries: () => number } {
  let queries = 0;
  const table = new Proxy(prisma.conversationState, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        queries++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const wrapped = new Proxy(prisma, { get: (target, property, receiver) => (property === "conversationState" ? table : Reflect.get(target, property, receiver)) });
  const countedStatements: StateDatabase["statements"] = {
    execute: (sql, params) => (queries++, statements.execute(sql, params)),
    query: (sql, params) => (queries++, statements.query(sql, params)),
  };
  return { db: { prisma: wrapped, statements: countedStatements }, queries: () => queries };
}

describe.each(DATABASES)("conversation store on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  it("polling: chats without a conversation cost no query; a waiting one is read from memory as a fresh JSON copy", async () => {
    const { db, queries } = counted(testDb.db);
    const store = conversationStoreFor<State>(POLLING, db).adapter;
    expect(await store.read("conv:1")).toBeUndefined();
    const afterLoad = queries();
    for (let i = 2; i < 50; i++) expect(await store.read(`conv:${i}`)).toBeUndefined();
    expect(queries()).toBe(afterLoad);

    await store.write("conv:1", waiting("plan"));
    const afterWrite = queries();
    const first = await store.read("conv:1");
    expect(first).toEqual(waiting("plan"));
    first!.state.items.push(3);
    expect(await store.read("conv:1")).toEqual(waiting("plan"));
    expect(queries()).toBe(afterWrite);

    // What is in memory is what the database holds.
    const row = await testDb.db.prisma.conversationState.findUniqueOrThrow({ where: { key: "conv:1" } });
    expect(JSON.parse(row.value)).toEqual(waiting("plan"));
    await store.delete("conv:1");
    expect(await store.read("conv:1")).toBeUndefined();
    expect(await testDb.db.prisma.conversationState.count()).toBe(0);
  });

  it("polling: a restarted process finds the conversations waiting in the database", async () => {
    const before = conversationStoreFor<State>(POLLING, testDb.db).adapter;
    await before.write("conv:1", waiting("pay"));
    const after = conversationStoreFor<State>(POLLING, testDb.db).adapter;
    expect(await after.read("conv:1")).toEqual(waiting("pay"));
    expect(await after.read("conv:2")).toBeUndefined();
  });

  it("polling: the sweep's deletions are seen by the next update; a chat that wrote since keeps its state", async () => {
    const store = conversationStoreFor<State>(POLLING, testDb.db);
    await store.adapter.write("conv:old", waiting("plan"));
    await store.adapter.write("conv:fresh", waiting("plan"));
    await testDb.db.prisma.conversationState.update({ where: { key: "conv:old" }, data: { updatedAt: new Date("2026-01-01T00:00:00.000Z") } });
    expect(await store.sweep(new Date("2026-06-01T00:00:00.000Z"))).toBe(1);
    expect(await store.adapter.read("conv:old")).toBeUndefined();
    expect(await store.adapter.read("conv:fresh")).toEqual(waiting("plan"));
    // Writing again after a sweep works as for any new conversation.
    await store.adapter.write("conv:old", waiting("again"));
    expect(await store.adapter.read("conv:old")).toEqual(waiting("again"));
  });

  it("polling: a state that does not survive JSON is refused and nothing is kept", async () => {
    const store = conversationStoreFor<unknown>(POLLING, testDb.db).adapter;
    await expect(store.write("conv:1", { version: [0, 4], state: { at: 1n } })).rejects.toThrow(TypeError);
    expect(await store.read("conv:1")).toBeUndefined();
  });

  it("webhook mode: an instance sees the state another instance wrote or deleted", async () => {
    const first = conversationStoreFor<State>(WEBHOOK, testDb.db).adapter;
    const second = conversationStoreFor<State>(WEBHOOK, testDb.db).adapter;
    expect(await second.read("conv:1")).toBeUndefined();
    await first.write("conv:1", waiting("plan"));
    expect(await second.read("conv:1")).toEqual(waiting("plan"));
    await second.write("conv:1", waiting("pay"));
    expect(await first.read("conv:1")).toEqual(waiting("pay"));
    await first.delete("conv:1");
    expect(await second.read("conv:1")).toBeUndefined();
  });
});
