/**
 * SQLite statements prepared once per SQL text (src/db/sqlite-statement-cache.ts):
 * the adapter's queries, writes and transactions give the same answers with
 * the kept statements, each run with its own values, and a statement that
 * failed runs again.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqliteAdapterFactory } from "../src/db/serialized-sqlite-adapter.ts";
import { keptStatementsAdapter } from "../src/db/sqlite-statement-cache.ts";

type Adapter = Awaited<ReturnType<SqliteAdapterFactory["connect"]>>;

const TEXT = { scalarType: "string", arity: "scalar" } as const;
const INT = { scalarType: "int", arity: "scalar" } as const;

/** The adapter's connection with its `prepare` calls counted, underneath the statement cache. */
function countingPrepares(factory: SqliteAdapterFactory): { factory: SqliteAdapterFactory; prepared: string[] } {
  const prepared: string[] = [];
  const counted = async (connect: () => Promise<Adapter>) => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
    return adapter;
  };
  return {
    prepared,
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => counted(() => factory.connect()),
      connectToShadowDb: () => counted(() => factory.connectToShadowDb()),
    },
  };
}

describe("SQLite statements kept per SQL text", () => {
  let dir: string;
  let adapter: Adapter;
  let prepared: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "statement-cache-"));
    const counting = countingPrepares(new PrismaBetterSqlite3({ url: join(dir, "test.db") }));
    prepared = counting.prepared;
    adapter = await keptStatementsAdapter(counting.factory).connect();
    await adapter.executeScript(`CREATE TABLE item (id TEXT PRIMARY KEY, qty INTEGER NOT NULL)`);
  });

  afterEach(async () => {
    await adapter.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (id: string, qty: number) =>
    adapter.executeRaw({ sql: `INSERT INTO item (id, qty) VALUES (?, ?)`, args: [id, qty], argTypes: [TEXT, INT] });
  const qtyOf = async (id: string) =>
    (await adapter.queryRaw({ sql: `SELECT qty FROM item WHERE id = ?`, args: [id], argTypes: [TEXT] })).rows;

  it("prepares each text once and runs it with each call's own values", async () => {
    expect(await insert("a", 1)).toBe(1);
    expect(await insert("b", 2)).toBe(1);
    expect(await insert("c", 3)).toBe(1);
    expect(await qtyOf("a")).toEqual([[1]]);
    expect(await qtyOf("c")).toEqual([[3]]);
    expect(await qtyOf("missing")).toEqual([]);
    const result = await adapter.queryRaw({ sql: `SELECT id, qty FROM item ORDER BY id`, args: [], argTypes: [] });
    expect(result.columnNames).toEqual(["id", "qty"]);
    expect(result.rows).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect(prepared.filter((sql) => sql.startsWith("INSERT"))).toHaveLength(1);
    expect(prepared.filter((sql) => sql.startsWith("SELECT qty"))).toHaveLength(1);
  });

  it("runs a statement again after it failed, and transactions begin on the kept BEGIN", async () => {
    await insert("a", 1);
    await expect(insert("a", 5)).rejects.toThrow();
    expect(await insert("b", 2)).toBe(1);

    for (const qty of [7, 8]) {
      const transaction = await adapter.startTransaction();
      await transaction.executeRaw({ sql: `UPDATE item SET qty = ? WHERE id = ?`, args: [qty, "a"], argTypes: [INT, TEXT] });
      await transaction.executeRaw({ sql: `COMMIT`, args: [], argTypes: [] });
      await transaction.commit();
      expect(await qtyOf("a")).toEqual([[qty]]);
    }
    expect(prepared.filter((sql) => sql === "BEGIN")).toHaveLength(1);
  });
});
