/**
 * The webhook intake's queue (InboundUpdate) on SQLite and PostgreSQL: a
 * redelivered update is stored once; a claim takes only each chat's oldest
 * unfinished update and never a second one of a chat being handled, even
 * when several claimers race (each with its own connection, as instances
 * would); the database itself refuses two `processing` updates of one chat;
 * a lease that runs out gives the update to another worker, whose claim the
 * first can no longer finish; finished updates are pruned.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../src/db/client.ts";
import { InboundUpdatesRepository, type ClaimedUpdate } from "../src/db/inbound-updates-repository.ts";
import { DATABASES, createTestDatabase, queryRows, type TestDatabase } from "./support/databases.ts";

const LEASE_MS = 30_000;
const T0 = new Date("2026-12-16T10:00:00Z");
let testDb: TestDatabase | undefined;
const extra: Database[] = [];

afterEach(async () => {
  await Promise.all(extra.splice(0).map((db) => db.close()));
  await testDb?.drop();
  testDb = undefined;
});

const update = (updateId: number, chatKey: string) => ({ updateId, chatKey, payload: JSON.stringify({ update_id: updateId, chat: chatKey }) });
const ids = (claimed: ClaimedUpdate[]) => claimed.map((u) => u.updateId);

describe.each(DATABASES)("inbound updates on %s", (kind) => {
  async function repo(): Promise<InboundUpdatesRepository> {
    testDb = await createTestDatabase(kind);
    return new InboundUpdatesRepository(testDb.db.prisma, testDb.db.provider);
  }

  it("stores an update once: a redelivery is a no-op", async () => {
    const updates = await repo();
    expect(await updates.store(update(1, "chat:7"), T0)).toBe(true);
    expect(await updates.store({ ...update(1, "chat:7"), payload: "{}" }, T0)).toBe(false);
    const [claimed] = await updates.claim(T0, LEASE_MS, 10);
    expect(claimed).toEqual({ updateId: 1, chatKey: "chat:7", payload: update(1, "chat:7").payload, attempts: 1 });
  });

  it("claims one update per chat, the chat's oldest, and the next only once it is done", async () => {
    const updates = await repo();
    for (const [id, chat] of [[10, "a"], [11, "b"], [12, "a"], [13, "c"], [14, "b"]] as const) await updates.store(update(id, chat), T0);
    const first = await updates.claim(T0, LEASE_MS, 10);
    expect(ids(first)).toEqual([10, 11, 13]);
    expect(ids(await updates.claim(T0, LEASE_MS, 10))).toEqual([]);

    expect(await updates.finish(first[0]!, "done", T0)).toBe(true);
    expect(ids(await updates.claim(T0, LEASE_MS, 10))).toEqual([12]);
    expect(await updates.finish(first[1]!, "failed", T0)).toBe(true);
    expect(ids(await updates.claim(T0, LEASE_MS, 10))).toEqual([14]);
  });

  it("keeps a chat's order when an older update arrives after a newer one was handled", async () => {
    const updates = await repo();
    await updates.store(update(21, "a"), T0);
    const [newer] = await updates.claim(T0, LEASE_MS, 10);
    // 20 arrives (redelivered late) while 21 is being handled: it waits for 21.
    await updates.store(update(20, "a"), T0);
    expect(ids(await updates.claim(T0, LEASE_MS, 10))).toEqual([]);
    await updates.finish(newer!, "done", T0);
    expect(ids(await updates.claim(T0, LEASE_MS, 10))).toEqual([20]);
  });

  it("refuses a second processing update of one chat in the database itself", async () => {
    const updates = await repo();
    await updates.store(update(1, "a"), T0);
    await updates.store(update(2, "a"), T0);
    await updates.claim(T0, LEASE_MS, 10);
    await expect(queryRows(testDb!.db, `UPDATE "InboundUpdate" SET "status" = 'processing' WHERE "updateId" = 2`)).rejects.toThrow(/unique/i);
    // Other chats and finished rows are not constrained.
    await updates.store(update(3, "b"), T0);
    expect(ids(await updates.claim(T0, LEASE_MS, 10))).toEqual([3]);
  });

  it("gives an update whose lease ran out to another worker; the first can no longer finish it", async () => {
    const updates = await repo();
    await updates.store(update(5, "a"), T0);
    await updates.store(update(6, "a"), T0);
    const [first] = await updates.claim(T0, LEASE_MS, 10);
    const later = new Date(T0.getTime() + LEASE_MS / 2);
    await updates.renew([first!], new Date(later.getTime() + LEASE_MS), later);
    expect(ids(await updates.claim(new Date(T0.getTime() + LEASE_MS + 1), LEASE_MS, 10))).toEqual([]);

    const expired = new Date(later.getTime() + LEASE_MS + 1);
    const [again] = await updates.claim(expired, LEASE_MS, 10);
    expect(again).toMatchObject({ updateId: 5, attempts: 2 });
    expect(await updates.finish(first!, "done", expired)).toBe(false);
    expect(ids(await updates.claim(expired, LEASE_MS, 10))).toEqual([]);
    expect(await updates.finish(again!, "done", expired)).toBe(true);
    expect(ids(await updates.claim(expired, LEASE_MS, 10))).toEqual([6]);
  });

  it("prunes finished updates handled before the cutoff, never unfinished ones", async () => {
    const updates = await repo();
    for (const id of [1, 2, 3]) await updates.store(update(id, `c${id}`), T0);
    const claimed = await updates.claim(T0, LEASE_MS, 2);
    await updates.finish(claimed[0]!, "done", T0);
    await updates.finish(claimed[1]!, "failed", T0);
    expect(await updates.unfinished()).toBe(1);
    expect(await updates.deleteFinishedBefore(T0)).toBe(0);
    expect(await updates.deleteFinishedBefore(new Date(T0.getTime() + 1))).toBe(2);
    expect(await updates.unfinished()).toBe(1);
    // A pruned update delivered again would be handled again: the window must outlast Telegram's redeliveries.
    expect(await updates.store(update(1, "c1"), T0)).toBe(true);
  });

  it("never hands two updates of one chat to racing claimers, and hands out every update in each chat's order", async () => {
    const updates = await repo();
    const chats = 12;
    const perChat = 8;
    let id = 100;
    for (let round = 0; round < perChat; round++) for (let chat = 0; chat < chats; chat++) await updates.store(update(id++, `chat${chat}`), T0);
    // Four claimers, each on its own connection (PostgreSQL: its own pool, as another instance).
    const claimers = [updates];
    for (let i = 0; i < 3; i++) {
      const db = createDatabase(testDb!.url, { pgSchema: testDb!.pgSchema });
      extra.push(db);
      claimers.push(new InboundUpdatesRepository(db.prisma, db.provider));
    }
    const handled = new Map<string, number[]>();
    const busy = new Set<string>();
    const total = chats * perChat;
    let done = 0;
    await Promise.all(
      claimers.map(async (claimer) => {
        for (let idle = 0; done < total && idle < 500; ) {
          const claimed = await claimer.claim(T0, LEASE_MS, 3);
          if (claimed.length === 0) {
            idle++;
            await new Promise((resolve) => setTimeout(resolve, 2));
            continue;
          }
          for (const u of claimed) {
            expect(busy.has(u.chatKey)).toBe(false);
            busy.add(u.chatKey);
          }
          await new Promise((resolve) => setTimeout(resolve, 1));
          for (const u of claimed) {
            handled.set(u.chatKey, [...(handled.get(u.chatKey) ?? []), u.updateId]);
            busy.delete(u.chatKey);
            expect(await claimer.finish(u, "done", T0)).toBe(true);
            done++;
          }
        }
      }),
    );
    expect(done).toBe(total);
    for (const [, seen] of handled) {
      expect(seen).toHaveLength(perChat);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });
});
