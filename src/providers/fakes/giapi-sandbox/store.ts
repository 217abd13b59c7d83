/**
 * The sandbox provider's state: orders, their eSIMs and top-ups, in a
 * SQLite file of its own (better-sqlite3, apart from the shop's Prisma
 * tables) so a restart keeps every eSIM. Lookups by order id, ICCID and
 * external order id are indexed, so 100,000 eSIMs stay fast.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { EsimStatus } from "../../../domain/order.ts";
import type { SandboxEsim } from "./lifecycle.ts";

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  order_id          TEXT PRIMARY KEY,
  external_order_id TEXT NOT NULL UNIQUE,
  plan_id           TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS esims (
  iccid         TEXT PRIMARY KEY,
  order_id      TEXT NOT NULL UNIQUE REFERENCES orders(order_id),
  smdp_address  TEXT NOT NULL,
  matching_id   TEXT NOT NULL UNIQUE,
  status        TEXT NOT NULL CHECK (status IN ('issued', 'active', 'topped_up', 'expired')),
  data_mb       INTEGER NOT NULL,
  validity_days INTEGER NOT NULL,
  used_mb       REAL NOT NULL DEFAULT 0,
  activated_at  TEXT,
  expires_at    TEXT
);
CREATE TABLE IF NOT EXISTS topups (
  external_topup_id TEXT PRIMARY KEY,
  order_id          TEXT NOT NULL REFERENCES orders(order_id),
  data_mb           INTEGER NOT NULL,
  validity_days     INTEGER NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS topups_order_id ON topups(order_id);
`;

const SELECT_ESIM = `
SELECT o.order_id, o.external_order_id, o.plan_id, o.created_at,
       e.iccid, e.smdp_address, e.matching_id, e.status, e.data_mb, e.validity_days,
       e.used_mb, e.activated_at, e.expires_at
FROM orders o JOIN esims e ON e.order_id = o.order_id`;

/** The single-eSIM lookups, by what they look up. */
const LOOKUPS = {
  orderId: `${SELECT_ESIM} WHERE o.order_id = ?`,
  externalOrderId: `${SELECT_ESIM} WHERE o.external_order_id = ?`,
  iccid: `${SELECT_ESIM} WHERE e.iccid = ?`,
} as const;

/** What an eSIM can be looked up by. */
export type EsimLookup = keyof typeof LOOKUPS;

const STATEMENTS = {
  insertOrder: "INSERT INTO orders (order_id, external_order_id, plan_id, created_at) VALUES (?, ?, ?, ?)",
  insertEsim: `INSERT INTO esims (iccid, order_id, smdp_address, matching_id, status, data_mb, validity_days,
                                  used_mb, activated_at, expires_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateEsim: `UPDATE esims SET status = ?, data_mb = ?, validity_days = ?, used_mb = ?, activated_at = ?, expires_at = ?
               WHERE iccid = ?`,
  all: `${SELECT_ESIM} ORDER BY o.rowid`,
  topUpById: `SELECT external_topup_id, order_id, data_mb, validity_days, created_at
              FROM topups WHERE external_topup_id = ?`,
  allTopUps: `SELECT external_topup_id, order_id, data_mb, validity_days, created_at FROM topups ORDER BY rowid`,
  insertTopUp: `INSERT INTO topups (external_topup_id, order_id, data_mb, validity_days, created_at)
                VALUES (?, ?, ?, ?, ?)`,
  ...LOOKUPS,
} as const;

type StatementName = keyof typeof STATEMENTS;

interface EsimRow {
  order_id: string;
  external_order_id: string;
  plan_id: string;
  created_at: string;
  iccid: string;
  smdp_address: string;
  matching_id: string;
  status: EsimStatus;
  data_mb: number;
  validity_days: number;
  used_mb: number;
  activated_at: string | null;
  expires_at: string | null;
}

interface TopUpRow {
  external_topup_id: string;
  order_id: string;
  data_mb: number;
  validity_days: number;
  created_at: string;
}

function toTopUp(row: TopUpRow): SandboxTopUp {
  return {
    externalTopUpId: row.external_topup_id,
    orderId: row.order_id,
    dataMb: row.data_mb,
    validityDays: row.validity_days,
    createdAt: row.created_at,
  };
}

/** A recorded top-up. */
export interface SandboxTopUp {
  externalTopUpId: string;
  orderId: string;
  dataMb: number;
  validityDays: number;
  createdAt: string;
}

/** Why an insert was refused: the external order id exists, or a generated id collided. */
export type InsertConflict = "external_order_id" | "generated_id";

function toEsim(row: EsimRow): SandboxEsim {
  return {
    orderId: row.order_id,
    externalOrderId: row.external_order_id,
    planId: row.plan_id,
    createdAt: row.created_at,
    iccid: row.iccid,
    smdpAddress: row.smdp_address,
    matchingId: row.matching_id,
    status: row.status,
    dataMb: row.data_mb,
    validityDays: row.validity_days,
    usedMb: row.used_mb,
    activatedAt: row.activated_at,
    expiresAt: row.expires_at,
  };
}

function isUniqueViolation(error: unknown): error is Error & { code: string; message: string } {
  return error instanceof Database.SqliteError && /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(error.code);
}

/** Orders, eSIMs and top-ups of one sandbox, in one SQLite database. */
export class SandboxStore {
  readonly #db: Database.Database;
  readonly #statements: Record<StatementName, Database.Statement>;
  readonly #insertBoth: (esim: SandboxEsim) => void;
  readonly #applyTopUp: (topUp: SandboxTopUp, esim: SandboxEsim) => void;

  /** Opens (creating if needed, with its directory) the database at `path`; ":memory:" for a throwaway one. */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    try {
      this.#migrate();
      const entries = Object.entries(STATEMENTS).map(([name, sql]) => [name, this.#db.prepare(sql)]);
      this.#statements = Object.fromEntries(entries) as Record<StatementName, Database.Statement>;
      // Built once: better-sqlite3 transaction wrappers are costly to create per call.
      this.#insertBoth = this.#db.transaction((esim: SandboxEsim) => {
        this.#statements.insertOrder.run(esim.orderId, esim.externalOrderId, esim.planId, esim.createdAt);
        this.#statements.insertEsim.run(
          esim.iccid,
          esim.orderId,
          esim.smdpAddress,
          esim.matchingId,
          esim.status,
          esim.dataMb,
          esim.validityDays,
          esim.usedMb,
          esim.activatedAt,
          esim.expiresAt,
        );
      });
      this.#applyTopUp = this.#db.transaction((topUp: SandboxTopUp, esim: SandboxEsim) => {
        this.#statements.insertTopUp.run(
          topUp.externalTopUpId,
          topUp.orderId,
          topUp.dataMb,
          topUp.validityDays,
          topUp.createdAt,
        );
        this.update(esim);
      });
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  #migrate(): void {
    const version = this.#db.pragma("user_version", { simple: true });
    if (typeof version === "number" && version > SCHEMA_VERSION) {
      throw new Error(`sandbox database schema ${version} is newer than this code (${SCHEMA_VERSION})`);
    }
    this.#db.pragma("journal_mode = WAL");
    // Safe against process crashes; a sandbox need not survive power loss.
    this.#db.pragma("synchronous = NORMAL");
    this.#db.pragma("foreign_keys = ON");
    this.#db.exec(SCHEMA);
    this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  /** Stores a new order and its eSIM in one transaction; returns the conflict instead of throwing on duplicates. */
  insert(esim: SandboxEsim): { ok: true } | { ok: false; conflict: InsertConflict } {
    try {
      this.#insertBoth(esim);
      return { ok: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const conflict = error.message.includes("external_order_id") ? "external_order_id" : "generated_id";
      return { ok: false, conflict };
    }
  }

  /** One eSIM by the sandbox's order id, the shop's order id or its ICCID. */
  find(by: EsimLookup, value: string): SandboxEsim | undefined {
    const row = this.#statements[by].get(value) as EsimRow | undefined;
    return row ? toEsim(row) : undefined;
  }

  /** Every order, oldest first. */
  all(): SandboxEsim[] {
    return (this.#statements.all.all() as EsimRow[]).map(toEsim);
  }

  /** Saves the mutable state of an eSIM (status, allowance, usage, dates). */
  update(esim: SandboxEsim): void {
    this.#statements.updateEsim.run(
      esim.status,
      esim.dataMb,
      esim.validityDays,
      esim.usedMb,
      esim.activatedAt,
      esim.expiresAt,
      esim.iccid,
    );
  }

  /** A top-up already applied, by the shop's top-up id. */
  topUpById(externalTopUpId: string): SandboxTopUp | undefined {
    const row = this.#statements.topUpById.get(externalTopUpId) as TopUpRow | undefined;
    return row ? toTopUp(row) : undefined;
  }

  /** Every top-up applied, oldest first. */
  allTopUps(): SandboxTopUp[] {
    return (this.#statements.allTopUps.all() as TopUpRow[]).map(toTopUp);
  }

  /** Records a top-up and saves the eSIM it produced, atomically. */
  applyTopUp(topUp: SandboxTopUp, esim: SandboxEsim): void {
    this.#applyTopUp(topUp, esim);
  }

  /** How SQLite runs a lookup (EXPLAIN QUERY PLAN details), to check it uses an index. */
  explainLookup(by: EsimLookup): string[] {
    const rows = this.#db.prepare(`EXPLAIN QUERY PLAN ${LOOKUPS[by]}`).all("x") as { detail: string }[];
    return rows.map((row) => row.detail);
  }

  /** Closes the database file. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
