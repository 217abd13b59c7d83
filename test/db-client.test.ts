import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, describeDatabase, parseDatabaseUrl } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { createTestDatabase, testPostgresUrl, withAdminClient } from "./support/databases.ts";

const run = promisify(execFile);

describe("parseDatabaseUrl", () => {
  it("reads a relative SQLite file URL against the cwd", () => {
    expect(parseDatabaseUrl("file:./data/esim.db")).toEqual({
      provider: "sqlite",
      url: `file:${resolve("data/esim.db")}`,
    });
    expect(parseDatabaseUrl("file:/var/lib/esim/shop.db")).toEqual({ provider: "sqlite", url: "file:/var/lib/esim/shop.db" });
  });

  it("reads both PostgreSQL schemes and takes Prisma's schema parameter out of the URL", () => {
    expect(parseDatabaseUrl("postgres://u:p@db:5432/shop")).toEqual({
      provider: "postgresql",
      url: "postgres://u:p@db:5432/shop",
    });
    expect(parseDatabaseUrl("postgresql://u@db/shop?schema=esim&sslmode=require")).toEqual({
      provider: "postgresql",
      url: "postgresql://u@db/shop?sslmode=require",
      schema: "esim",
    });
  });

  it("names the unsupported scheme without echoing credentials", () => {
    expect(() => parseDatabaseUrl("mysql://root:secret@db/shop")).toThrow(/Unsupported database URL scheme "mysql:"/);
    expect(() => parseDatabaseUrl("mysql://root:secret@db/shop")).not.toThrow(/secret/);
    expect(() => parseDatabaseUrl("./data/esim.db")).toThrow(/use file:\.\/path\.db/);
    expect(() => parseDatabaseUrl("file:./x.db?connection_limit=1")).toThrow(/no query parameters/);
    expect(() => parseDatabaseUrl("postgresql://u@db/shop?schema=a;drop")).toThrow(/Invalid PostgreSQL schema name/);
  });
});

describe("describeDatabase", () => {
  it("names the engine and where it is, never the credentials", () => {
    expect(describeDatabase("file:./data/esim.db")).toBe(`SQLite ${resolve("data/esim.db")}`);
    expect(describeDatabase("postgresql://shop:s3cret@db.example.com:6543/shop?schema=esim&sslmode=require")).toBe(
      "PostgreSQL db.example.com:6543/shop (schema esim)",
    );
    expect(describeDatabase("postgres://shop:s3cret@db/shop")).toBe("PostgreSQL db:5432/shop");
  });
});

describe("createDatabase", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "esim-client-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("SQLite: creates the file's missing parent folders", async () => {
    const url = `file:${join(dir, "nested", "deeper", "shop.db")}`;
    await applyMigrations(parseDatabaseUrl(url));
    const db = createDatabase(url);
    try {
      expect(db.provider).toBe("sqlite");
      await db.prisma.user.create({ data: { id: 1n, firstName: "A" } });
      expect(await db.prisma.user.count()).toBe(1);
      expect(existsSync(join(dir, "nested", "deeper", "shop.db"))).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("PostgreSQL: honours ?schema= in the URL for the model API and raw queries", async () => {
    const testDb = await createTestDatabase("postgresql");
    try {
      const url = `${testPostgresUrl()}?schema=${testDb.pgSchema}`;
      const db = createDatabase(url);
      try {
        expect(db.provider).toBe("postgresql");
        await db.prisma.user.create({ data: { id: 5n, firstName: "B" } });
        expect(await testDb.db.prisma.user.findUnique({ where: { id: 5n } })).toMatchObject({ firstName: "B" });
        const [row] = await db.prisma.$queryRawUnsafe<{ schema: string }[]>("SELECT current_schema() AS schema");
        expect(row?.schema).toBe(testDb.pgSchema);
      } finally {
        await db.close();
      }
    } finally {
      await testDb.drop();
    }
  });
});

describe("npm run db:migrate (src/db/migrate-cli.ts)", () => {
  const projectRoot = resolve(import.meta.dirname, "..");
  const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
  const cli = join(projectRoot, "src", "db", "migrate-cli.ts");
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "esim-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const migrate = (databaseUrl: string) =>
    run(tsx, [cli], { cwd: dir, env: { ...process.env, DATABASE_URL: databaseUrl } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it("migrates a SQLite file relative to the cwd, then reports up to date", async () => {
    const first = await migrate("file:./data/esim.db");
    expect(first.code).toBe(0);
    // One line per committed migration, oldest first.
    expect(first.stdout).toMatch(/^(Applied migration \d{14}_\w+ \(\d+ ms\)\n){2,}$/);
    expect(first.stdout).toMatch(/^Applied migration 20261125000000_init /);
    expect(existsSync(join(dir, "data", "esim.db"))).toBe(true);

    const second = await migrate("file:./data/esim.db");
    expect(second).toMatchObject({ code: 0, stdout: "Database (sqlite) is up to date\n" });
  });

  it("migrates PostgreSQL into the URL's schema", async () => {
    const schema = `test_cli_${process.pid}`;
    try {
      const result = await migrate(`${testPostgresUrl()}?schema=${schema}`);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Applied migration 20261125000000_init/);
      const rows = await withAdminClient((client) =>
        client.query(`SELECT migration_name FROM "${schema}"._prisma_migrations`),
      );
      expect(rows.rows).toContainEqual({ migration_name: "20261125000000_init" });
      expect(rows.rows).toContainEqual({ migration_name: "20261125020000_lifecycle" });
    } finally {
      await withAdminClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    }
  });

  it("prints one line and exits 1 on a bad URL", async () => {
    const result = await migrate("mysql://root@db/shop");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^db:migrate failed: Unsupported database URL/)]);
  });
});
