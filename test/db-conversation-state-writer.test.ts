/** Conversation state written in batches (src/db/conversation-state-writer.ts), on both databases. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConversationStateWriter } from "../src/db/conversation-state-writer.ts";
import { readStateJson } from "../src/db/conversation-storage.ts";
import type { DriverStatements } from "../src/db/driver-statements.ts";
import { createTestDatabase, DATABASES, type TestDatabase } from "./support/databases.ts";

/** `inner` with its executed statements counted, failing while `failing` is set. */
function countingStatements(inner: DriverStatements): { statements: DriverStatements; executed: () => number; fail(on: boolean): void } {
  let executed = 0;
  let failing = false;
  const statements: DriverStatements = {
    execute(sql, params) {
      executed++;
      return failing ? Promise.reject(new Error("the database went away")) : inner.execute(sql, params);
    },
    query: (sql, params) => inner.query(sql, params),
  };
  return { statements, executed: () => executed, fail: (on) => void (failing = on) };
}

describe.each(DATABASES)("conversation state writer on %s", (kind) => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(() => testDb.drop());

  it("writes the states of chats handled alongside in one statement, each committed when its write resolves", async () => {
    const counted = countingStatements(testDb.db.statements);
    const writer = createConversationStateWriter(counted.statements);
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.write(`conv:${i}`, JSON.stringify({ step: i }))));
    expect(counted.executed()).toBe(1);
    for (const i of [0, 25, 49]) expect(await readStateJson(testDb.db.statements, `conv:${i}`)).toBe(JSON.stringify({ step: i }));

    // Overwrites, and the same key twice in a batch keeps the last.
    await Promise.all([writer.write("conv:1", '"first"'), writer.write("conv:1", '"second"'), writer.write("conv:2", '"other"')]);
    expect(await readStateJson(testDb.db.statements, "conv:1")).toBe('"second"');
    expect(await readStateJson(testDb.db.statements, "conv:2")).toBe('"other"');
    const rows = await testDb.db.prisma.conversationState.findMany({ where: { key: "conv:1" } });
    expect(rows).toHaveLength(1);
    expect(Date.now() - rows[0]!.updatedAt.getTime()).toBeLessThan(60_000);
  });

  it("gathers writes made while a batch is written into the next, and splits large batches", async () => {
    const counted = countingStatements(testDb.db.statements);
    const writer = createConversationStateWriter(counted.statements);
    const first = writer.write("conv:a", '"a"');
    // Written while the first batch is in flight (it started after the turn that queued it).
    await new Promise((resolve) => setImmediate(resolve));
    const later = Array.from({ length: 450 }, (_, i) => writer.write(`conv:${i}`, `"${i}"`));
    await Promise.all([first, ...later]);
    // One statement for the first batch; 450 rows at 200 a statement for the second.
    expect(counted.executed()).toBe(4);
    expect(await testDb.db.prisma.conversationState.count()).toBe(451);
  });

  it("rejects every write of a failed batch, and writes again afterwards", async () => {
    const counted = countingStatements(testDb.db.statements);
    const writer = createConversationStateWriter(counted.statements);
    counted.fail(true);
    const failed = await Promise.allSettled([writer.write("conv:1", '"x"'), writer.write("conv:2", '"y"')]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(await testDb.db.prisma.conversationState.count()).toBe(0);

    counted.fail(false);
    await writer.write("conv:1", '"x"');
    expect(await readStateJson(testDb.db.statements, "conv:1")).toBe('"x"');
  });

  it("settles a key once its waiting write is committed, so a delete after it is not undone", async () => {
    const writer = createConversationStateWriter(testDb.db.statements);
    const write = writer.write("conv:1", '"x"');
    await writer.settled("conv:1");
    expect(await readStateJson(testDb.db.statements, "conv:1")).toBe('"x"');
    await testDb.db.prisma.conversationState.deleteMany({ where: { key: "conv:1" } });
    await write;
    expect(await readStateJson(testDb.db.statements, "conv:1")).toBeUndefined();
    // Nothing waiting: settles at once.
    await writer.settled("conv:2");
  });
});
