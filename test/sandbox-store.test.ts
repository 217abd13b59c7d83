/**
 * The sandbox provider's own SQLite state: it survives a restart of the
 * server, creates its directory, and stays indexed at 100,000 eSIMs.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wireOrder } from "../src/providers/giapi/wire.ts";
import { newIccid, newMatchingId, newOrderId } from "../src/providers/fakes/giapi-sandbox/issuer.ts";
import type { SandboxEsim } from "../src/providers/fakes/giapi-sandbox/lifecycle.ts";
import { startSandboxServer } from "../src/providers/fakes/giapi-sandbox/server.ts";
import { SandboxStore, type EsimLookup } from "../src/providers/fakes/giapi-sandbox/store.ts";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-store-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function esim(n: number): SandboxEsim {
  return {
    orderId: newOrderId(),
    externalOrderId: `ord_${n}`,
    planId: "de-1gb-7d",
    createdAt: new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString(),
    iccid: newIccid(),
    smdpAddress: "rsp.sandbox.esim.local",
    matchingId: newMatchingId(),
    status: "issued",
    dataMb: 1024,
    validityDays: 7,
    usedMb: 0,
    activatedAt: null,
    expiresAt: null,
  };
}

async function post(url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("sandbox state across restarts", () => {
  it("keeps orders and their lifecycle after close() and a new server on the same file", async () => {
    const dbPath = join(dir, "nested", "deeper", "sandbox.db");
    const first = await startSandboxServer({ port: 0, dbPath });
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    expect(existsSync(dbPath)).toBe(true);
    const request = { plan_id: "gr-1gb-7d", quantity: 1, external_order_id: "ord_restart" };
    const created = wireOrder.parse(await (await post(`${first.url}/esim/orders`, request)).json());
    expect((await post(`${first.url}/sandbox/esims/${created.iccid}/activate`)).status).toBe(200);
    await first.close();
    await first.close(); // a second close is harmless

    const second = await startSandboxServer({ port: 0, dbPath });
    try {
      const reread = await fetch(`${second.url}/esim/orders/${created.order_id}`);
      expect(reread.status).toBe(200);
      const order = wireOrder.parse(await reread.json());
      expect(order).toMatchObject({ iccid: created.iccid, activation_code: created.activation_code, status: "active" });
      expect(order.activated_at).not.toBeNull();

      const repeat = await post(`${second.url}/esim/orders`, request);
      expect(repeat.status).toBe(200);
      expect(wireOrder.parse(await repeat.json()).order_id).toBe(created.order_id);
      const listed = (await (await fetch(`${second.url}/sandbox/orders`)).json()) as { orders: unknown[] };
      expect(listed.orders).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("rejects a port already in use", async () => {
    const running = await startSandboxServer({ port: 0, dbPath: join(dir, "busy-a.db") });
    try {
      await expect(startSandboxServer({ port: running.port, dbPath: join(dir, "busy-b.db") })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await running.close();
    }
  });

  it("refuses a database written by a newer schema", () => {
    const path = join(dir, "future.db");
    const db = new Database(path);
    db.pragma("user_version = 99");
    db.close();
    expect(() => new SandboxStore(path)).toThrow(/newer/);
  });
});

describe("sandbox store at scale", () => {
  it("holds 100,000 eSIMs with indexed lookups by order id, external order id and ICCID", async () => {
    const path = join(dir, "scale.db");
    new SandboxStore(path).close(); // creates the schema
    // Seeded in one statement: inserting through the store one by one is what the API does, but slow for 100k.
    const db = new Database(path);
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
      INSERT INTO orders (order_id, external_order_id, plan_id, created_at)
      SELECT printf('esim_seed%07d', i), printf('ord_seed_%d', i), 'de-1gb-7d', '2025-01-01T00:00:00.000Z' FROM n;
      INSERT INTO esims (iccid, order_id, smdp_address, matching_id, status, data_mb, validity_days)
      SELECT printf('8988247%012d0', rowid), order_id, 'rsp.sandbox.esim.local', printf('SE-%011d', rowid),
             'issued', 1024, 7
      FROM orders;`);
    db.close();

    const store = new SandboxStore(path);
    let seededIccid: string | undefined;
    try {
      for (const by of ["orderId", "externalOrderId", "iccid"] satisfies EsimLookup[]) {
        const plan = store.explainLookup(by);
        expect(plan.length, by).toBeGreaterThan(0);
        expect(plan.every((step) => step.startsWith("SEARCH")), `${by}: ${plan.join(" | ")}`).toBe(true);
      }
      const fresh = esim(100_000);
      expect(store.insert(fresh)).toEqual({ ok: true });
      expect(store.find("orderId", fresh.orderId)).toEqual(fresh);
      expect(store.find("externalOrderId", "ord_seed_54321")?.orderId).toBe("esim_seed0054321");
      const seeded = store.find("orderId", "esim_seed0099999");
      expect(seeded?.externalOrderId).toBe("ord_seed_99999");
      seededIccid = seeded!.iccid;
      expect(store.find("iccid", seededIccid)?.orderId).toBe("esim_seed0099999");
      expect(store.all()).toHaveLength(100_001);
    } finally {
      store.close();
    }

    const sandbox = await startSandboxServer({ port: 0, dbPath: path });
    try {
      const found = await fetch(`${sandbox.url}/esim/orders?external_order_id=ord_seed_777`);
      expect(((await found.json()) as { orders: { order_id: string }[] }).orders[0]?.order_id).toBe("esim_seed0000777");
      const activated = await post(`${sandbox.url}/sandbox/esims/${seededIccid}/activate`);
      expect(activated.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it("reports duplicates instead of throwing", () => {
    const store = new SandboxStore(":memory:");
    try {
      const row = esim(1);
      expect(store.insert(row)).toEqual({ ok: true });
      expect(store.insert({ ...esim(2), externalOrderId: row.externalOrderId })).toEqual({
        ok: false,
        conflict: "external_order_id",
      });
      expect(store.insert({ ...esim(3), iccid: row.iccid })).toEqual({ ok: false, conflict: "generated_id" });
      expect(store.all()).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
