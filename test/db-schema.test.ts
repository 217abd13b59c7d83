/**
 * The hand-written migrations against schema.prisma: same tables, columns,
 * types, nullability, defaults, indexes and foreign keys, on both databases.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASES, queryRows, type TestDatabase } from "./support/databases.ts";

const schemaText = (kind: string): string =>
  readFileSync(new URL(`../prisma/${kind}/schema.prisma`, import.meta.url), "utf8");

interface Field {
  name: string;
  type: string;
  optional: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
}
interface Model {
  name: string;
  fields: Field[];
  /** name → unique? */
  indexes: Map<string, boolean>;
  /** column → referenced "Table.column ON-DELETE-ACTION" */
  foreignKeys: Map<string, string>;
}

/** Prisma's referential actions as the databases name them. */
const ON_DELETE: Record<string, string> = { Restrict: "RESTRICT", Cascade: "CASCADE", SetNull: "SET NULL", NoAction: "NO ACTION" };

/** A small reader for the subset of the Prisma schema language our schema uses. */
function parseModels(schema: string): Model[] {
  const blocks = [...schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)];
  const modelNames = new Set(blocks.map((block) => block[1]));
  return blocks.map(([, name = "", body = ""]) => {
    const model: Model = { name, fields: [], indexes: new Map(), foreignKeys: new Map() };
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (line === "" || line.startsWith("//")) continue;
      const block = /^@@(index|unique)\(\[([^\]]+)\][,)]/.exec(line);
      if (block) {
        const columns = (block[2] ?? "").split(",").map((column) => column.trim());
        // An index may name itself (map: "…"); otherwise Prisma derives the name from the columns.
        const mapped = /map: "(\w+)"/.exec(line)?.[1];
        model.indexes.set(mapped ?? `${name}_${columns.join("_")}_${block[1] === "unique" ? "key" : "idx"}`, block[1] === "unique");
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field) continue;
      const [, fieldName = "", type = "", list, optional, attributes = ""] = field;
      if (modelNames.has(type)) {
        const relation = /@relation\((?:"\w+", )?fields: \[(\w+)\], references: \[(\w+)\](?:, onDelete: (\w+))?\)/.exec(attributes);
        // Prisma's default: an optional relation sets null on delete, a required one restricts.
        const onDelete = ON_DELETE[relation?.[3] ?? (optional === "?" ? "SetNull" : "Restrict")];
        if (relation && !list) model.foreignKeys.set(relation[1] ?? "", `${type}.${relation[2]} ${onDelete}`);
        continue;
      }
      model.fields.push({
        name: fieldName,
        type,
        optional: optional === "?",
        hasDefault: attributes.includes("@default("),
        primaryKey: /@id\b/.test(attributes),
      });
      if (attributes.includes("@unique")) model.indexes.set(`${name}_${fieldName}_key`, true);
    }
    return model;
  });
}

const COLUMN_TYPES: Record<string, Record<string, string>> = {
  sqlite: { String: "TEXT", Int: "INTEGER", BigInt: "BIGINT", DateTime: "DATETIME" },
  postgresql: { String: "text", Int: "integer", BigInt: "bigint", DateTime: "timestamp(3) without time zone" },
};

interface Column {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
}

describe("the two schema.prisma files", () => {
  it("are identical apart from the datasource provider and the generator output", () => {
    const sqlite = schemaText("sqlite").split("\n");
    const postgresql = schemaText("postgresql").split("\n");
    expect(postgresql).toHaveLength(sqlite.length);
    const differing = sqlite.flatMap((line, i) => (line === postgresql[i] ? [] : [[line.trim(), postgresql[i]?.trim()]]));
    expect(differing).toEqual([
      ['provider = "sqlite"', 'provider = "postgresql"'],
      ['output       = "../../src/generated/sqlite"', 'output       = "../../src/generated/postgresql"'],
    ]);
  });

  it("are read by this test's parser (it sees every model)", () => {
    expect(parseModels(schemaText("sqlite")).map((model) => model.name)).toEqual([
      "User",
      "Order",
      "Payment",
      "FulfilmentJob",
      "Refund",
      "LedgerCursor",
      "Esim",
      "Notification",
      "ConversationState",
      "Broadcast",
      "BroadcastDelivery",
      "AuditEntry",
      "WebhookEvent",
      "InboundUpdate",
      "DashboardSignIn",
      "DashboardSession",
    ]);
  });
});

describe.each(DATABASES)("migrated %s database", (kind) => {
  const models = parseModels(schemaText(kind));
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(() => testDb.drop());

  async function columns(table: string): Promise<Column[]> {
    if (kind === "sqlite") {
      const rows = await queryRows(testDb.db, `PRAGMA table_info("${table}")`);
      return rows.map((row) => ({
        name: String(row.name),
        type: String(row.type),
        nullable: Number(row.notnull) === 0,
        hasDefault: row.dflt_value !== null,
        primaryKey: Number(row.pk) > 0,
      }));
    }
    const rows = await queryRows(
      testDb.db,
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable, a.atthasdef AS has_default,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS primary_key
         FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      `"${table}"`,
    );
    return rows.map((row) => ({
      name: String(row.name),
      type: String(row.type),
      nullable: row.nullable === true,
      hasDefault: row.has_default === true,
      primaryKey: row.primary_key === true,
    }));
  }

  async function indexes(table: string): Promise<Map<string, boolean>> {
    if (kind === "sqlite") {
      const rows = await queryRows(testDb.db, `PRAGMA index_list("${table}")`);
      // origin "pk" is the primary key's automatic index, not one of ours.
      return new Map(rows.filter((row) => row.origin === "c").map((row) => [String(row.name), Number(row.unique) === 1]));
    }
    const rows = await queryRows(
      testDb.db,
      `SELECT c.relname AS name, i.indisunique AS is_unique FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = to_regclass($1) AND NOT i.indisprimary`,
      `"${table}"`,
    );
    return new Map(rows.map((row) => [String(row.name), row.is_unique === true]));
  }

  /** column → "Table.column ON DELETE x ON UPDATE y" */
  async function foreignKeys(table: string): Promise<Map<string, string>> {
    if (kind === "sqlite") {
      const rows = await queryRows(testDb.db, `PRAGMA foreign_key_list("${table}")`);
      return new Map(rows.map((row) => [String(row.from), `${row.table}.${row.to} ${row.on_delete} ${row.on_update}`]));
    }
    const actions: Record<string, string> = { r: "RESTRICT", c: "CASCADE", a: "NO ACTION", n: "SET NULL", d: "SET DEFAULT" };
    const rows = await queryRows(
      testDb.db,
      `SELECT c.conname::text AS name, a.attname::text AS from_column, r.relname::text AS to_table, ra.attname::text AS to_column,
              c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
        WHERE c.conrelid = to_regclass($1) AND c.contype = 'f'`,
      `"${table}"`,
    );
    for (const row of rows) expect(row.name).toBe(`${table}_${String(row.from_column)}_fkey`);
    return new Map(
      rows.map((row) => [
        String(row.from_column),
        `${row.to_table}.${row.to_column} ${actions[String(row.on_delete)]} ${actions[String(row.on_update)]}`,
      ]),
    );
  }

  it.each(models.map((model) => [model.name, model] as const))("%s has the schema's columns", async (_, model) => {
    const expected: Column[] = model.fields.map((field) => ({
      name: field.name,
      type: COLUMN_TYPES[kind]?.[field.type] ?? `unmapped ${field.type}`,
      nullable: field.optional,
      hasDefault: field.hasDefault,
      primaryKey: field.primaryKey,
    }));
    // Order aside: a later migration's ADD COLUMN appends, wherever the schema declares the field.
    const byName = (a: Column, b: Column) => a.name.localeCompare(b.name);
    expect((await columns(model.name)).sort(byName)).toEqual(expected.sort(byName));
  });

  it.each(models.map((model) => [model.name, model] as const))("%s has the schema's indexes", async (_, model) => {
    expect(await indexes(model.name)).toEqual(model.indexes);
  });

  it.each(models.map((model) => [model.name, model] as const))("%s has the schema's foreign keys", async (_, model) => {
    const expected = new Map([...model.foreignKeys].map(([column, target]) => [column, `${target} CASCADE`]));
    expect(await foreignKeys(model.name)).toEqual(expected);
  });

  it("has no tables the schema does not declare", async () => {
    const sql =
      kind === "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()";
    const tables = (await queryRows(testDb.db, sql)).map((row) => String(row.name)).sort();
    expect(tables).toEqual([...models.map((model) => model.name), "_prisma_migrations"].sort());
  });
});
