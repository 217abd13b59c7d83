/**
 * Orders at the sandbox provider over real HTTP: the eSIM it issues (QR,
 * LPA code, ICCID), idempotency, the lifecycle driven by the control API,
 * top-ups, auth and injected faults. Every answer is validated with the
 * wire schemas the real client uses.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isValidIccid } from "../src/domain/iccid.ts";
import { parseLpa } from "../src/domain/lpa.ts";
import { wireError, wireOrder, wireOrderList, type WireOrder } from "../src/providers/giapi/wire.ts";
import { startSandboxServer, type SandboxServer } from "../src/providers/fakes/giapi-sandbox/server.ts";
import { decodeQrPng } from "./support/telegram/qr.ts";

const API_KEY = "test-key";
const DAY_MS = 86_400_000;

let dir: string;
let sandbox: SandboxServer;
let clock: Date;
let orderSeq = 0;

interface Answer {
  status: number;
  body: unknown;
}

async function call(method: "GET" | "POST", path: string, body?: unknown, apiKey: string | null = API_KEY): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(sandbox.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function errorCode(answer: Answer): string {
  return wireError.parse(answer.body).error.code;
}

async function order(planId = "fr-5gb-30d", externalOrderId = `ord_${++orderSeq}`): Promise<WireOrder> {
  const answer = await call("POST", "/esim/orders", { plan_id: planId, quantity: 1, external_order_id: externalOrderId });
  expect(answer.status).toBe(201);
  return wireOrder.parse(answer.body);
}

async function current(orderId: string): Promise<WireOrder> {
  const answer = await call("GET", `/esim/orders/${orderId}`);
  expect(answer.status).toBe(200);
  return wireOrder.parse(answer.body);
}

function decodeQr(base64: string): string {
  return decodeQrPng(Buffer.from(base64, "base64"));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-orders-"));
  sandbox = await startSandboxServer({ port: 0, dbPath: join(dir, "sandbox.db"), apiKey: API_KEY, now: () => clock });
});

beforeEach(() => {
  clock = new Date("2025-06-01T10:00:00.000Z");
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sandbox orders", () => {
  it("issues an eSIM: QR of the LPA code, SM-DP+ host, Luhn-valid ICCID, allowance of the plan", async () => {
    const esim = await order("fr-5gb-30d");
    expect(esim).toMatchObject({
      plan_id: "fr-5gb-30d",
      status: "issued",
      smdp_address: "rsp.sandbox.esim.local",
      expires_after_activation_days: 30,
      data_gb: 5,
      data_used_mb: 0,
      activated_at: null,
      expires_at: null,
      created_at: clock.toISOString(),
    });
    expect(esim.order_id).toMatch(/^esim_[0-9a-z]+$/);
    expect(esim.activation_code).toMatch(/^LPA:1\$rsp\.sandbox\.esim\.local\$[0-9A-Z]{2}-[0-9A-Z]{5}-[0-9A-Z]{6}$/);
    expect(parseLpa(esim.activation_code!)?.smdpAddress).toBe(esim.smdp_address);
    expect(esim.iccid).toMatch(/^89\d{17,18}$/);
    expect(isValidIccid(esim.iccid)).toBe(true);
    expect(decodeQr(esim.qr_code_base64 ?? "")).toBe(esim.activation_code);
  });

  it("gives every order its own ICCID, matching id and order id", async () => {
    const esims = await Promise.all(Array.from({ length: 8 }, () => order("de-1gb-7d")));
    expect(new Set(esims.map((e) => e.iccid)).size).toBe(8);
    expect(new Set(esims.map((e) => e.activation_code)).size).toBe(8);
    expect(new Set(esims.map((e) => e.order_id)).size).toBe(8);
    expect(esims.every((e) => isValidIccid(e.iccid))).toBe(true);
  });

  it("is idempotent on external_order_id: the same order with 200, nothing new created", async () => {
    const request = { plan_id: "it-1gb-7d", quantity: 1, external_order_id: "ord_idem" };
    const [first, second, third] = await Promise.all([
      call("POST", "/esim/orders", request),
      call("POST", "/esim/orders", request),
      call("POST", "/esim/orders", request),
    ]);
    const statuses = [first!.status, second!.status, third!.status].sort();
    expect(statuses).toEqual([200, 200, 201]);
    const ids = [first, second, third].map((a) => wireOrder.parse(a!.body).order_id);
    expect(new Set(ids).size).toBe(1);
    expect(decodeQr(wireOrder.parse(second!.body).qr_code_base64 ?? "")).toBe(wireOrder.parse(first!.body).activation_code);

    const listed = await call("GET", "/sandbox/orders", undefined, null);
    const matching = (listed.body as { orders: { external_order_id: string }[] }).orders.filter(
      (o) => o.external_order_id === "ord_idem",
    );
    expect(matching).toHaveLength(1);

    const otherPlan = await call("POST", "/esim/orders", { ...request, plan_id: "it-10gb-30d" });
    expect(otherPlan.status).toBe(409);
    expect(errorCode(otherPlan)).toBe("external_order_id_conflict");
  });

  it("finds an order by external_order_id", async () => {
    const esim = await order("es-1gb-7d", "ord_lookup");
    const found = await call("GET", "/esim/orders?external_order_id=ord_lookup");
    expect(wireOrderList.parse(found.body).orders.map((o) => o.order_id)).toEqual([esim.order_id]);
    const none = await call("GET", "/esim/orders?external_order_id=ord_never");
    expect(wireOrderList.parse(none.body).orders).toEqual([]);
    const noQuery = await call("GET", "/esim/orders");
    expect(noQuery.status).toBe(400);
    expect(errorCode(noQuery)).toBe("invalid_request");
  });

  it("refuses unknown plans, bad bodies and malformed JSON", async () => {
    const unknown = await call("POST", "/esim/orders", { plan_id: "zz-1gb-7d", quantity: 1, external_order_id: "ord_zz" });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe("plan_not_found");

    for (const body of [
      { plan_id: "fr-5gb-30d", quantity: 2, external_order_id: "ord_q" },
      { plan_id: "fr-5gb-30d", quantity: 1 },
      "{not json",
      "",
    ]) {
      const answer = await call("POST", "/esim/orders", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(answer)).toBe("invalid_request");
    }
    const missing = await call("GET", "/esim/orders/esim_nope");
    expect(missing.status).toBe(404);
    expect(errorCode(missing)).toBe("order_not_found");
  });

  it("needs the bearer key on /esim/*, not on /sandbox/*", async () => {
    for (const key of [null, "wrong-key"]) {
      const answer = await call("GET", "/esim/plans", undefined, key);
      expect(answer.status).toBe(401);
      expect(errorCode(answer)).toBe("unauthorized");
    }
    const denied = await call("POST", "/esim/orders", { plan_id: "fr-5gb-30d", quantity: 1, external_order_id: "ord_denied" }, null);
    expect(denied.status).toBe(401);
    expect((await call("GET", "/esim/orders?external_order_id=ord_denied")).body).toEqual({ orders: [] });
    expect((await call("GET", "/sandbox/orders", undefined, null)).status).toBe(200);
  });
});

describe("sandbox eSIM lifecycle", () => {
  it("activates: status active, activated_at now, expires_at after the plan's validity", async () => {
    const esim = await order("jp-1gb-7d");
    clock = new Date("2025-06-03T08:30:00.000Z");
    const activated = await call("POST", `/sandbox/esims/${esim.iccid}/activate`, undefined, null);
    expect(activated.status).toBe(200);
    const now = await current(esim.order_id);
    expect(now).toMatchObject({ status: "active", activated_at: "2025-06-03T08:30:00.000Z", expires_at: "2025-06-10T08:30:00.000Z" });
  });

  it("records usage and expires the eSIM when the data runs out", async () => {
    const esim = await order("de-1gb-7d");
    await call("POST", `/sandbox/esims/${esim.iccid}/activate`, undefined, null);
    await call("POST", `/sandbox/esims/${esim.iccid}/usage`, { used_mb: 700 }, null);
    expect(await current(esim.order_id)).toMatchObject({ status: "active", data_used_mb: 700 });
    await call("POST", `/sandbox/esims/${esim.iccid}/usage`, { used_mb: 1024 }, null);
    expect(await current(esim.order_id)).toMatchObject({ status: "expired", data_used_mb: 1024 });
  });

  it("treats data used on an issued eSIM as its first connection", async () => {
    const esim = await order("de-1gb-7d");
    await call("POST", `/sandbox/esims/${esim.iccid}/usage`, { used_mb: 10 }, null);
    expect(await current(esim.order_id)).toMatchObject({ status: "active", activated_at: clock.toISOString(), data_used_mb: 10 });
  });

  it("expires on command, and by itself when the validity ends", async () => {
    const commanded = await order("de-1gb-7d");
    await call("POST", `/sandbox/esims/${commanded.iccid}/expire`, undefined, null);
    expect(await current(commanded.order_id)).toMatchObject({ status: "expired", expires_at: clock.toISOString() });

    const timed = await order("de-1gb-7d");
    await call("POST", `/sandbox/esims/${timed.iccid}/activate`, undefined, null);
    clock = new Date(clock.getTime() + 7 * DAY_MS - 1);
    expect((await current(timed.order_id)).status).toBe("active");
    clock = new Date(clock.getTime() + 1);
    expect((await current(timed.order_id)).status).toBe("expired");
  });

  it("answers 404 for an unknown ICCID and 400 for a bad usage body", async () => {
    const unknown = await call("POST", "/sandbox/esims/89000000000000000000/activate", undefined, null);
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe("esim_not_found");
    const esim = await order("de-1gb-7d");
    const bad = await call("POST", `/sandbox/esims/${esim.iccid}/usage`, { used_mb: -5 }, null);
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe("invalid_request");
  });

  it("lists every order received on /sandbox/orders", async () => {
    const esim = await order("gb-1gb-7d", "ord_listed");
    const listed = await call("GET", "/sandbox/orders", undefined, null);
    const row = (listed.body as { orders: Record<string, unknown>[] }).orders.find((o) => o.order_id === esim.order_id);
    expect(row).toEqual({
      order_id: esim.order_id,
      external_order_id: "ord_listed",
      plan_id: "gb-1gb-7d",
      iccid: esim.iccid,
      status: "issued",
      created_at: esim.created_at,
    });
  });
});

describe("sandbox top-ups", () => {
  const topUp = (orderId: string, body: unknown) => call("POST", `/esim/${orderId}/topup`, body);

  it("adds data and validity to an active eSIM, which becomes topped_up", async () => {
    const esim = await order("fr-5gb-30d");
    await call("POST", `/sandbox/esims/${esim.iccid}/activate`, undefined, null);
    const answer = await topUp(esim.order_id, { data_gb: 3, validity_days: 7, external_topup_id: "top_a" });
    expect(answer.status).toBe(200);
    const topped = wireOrder.parse(answer.body);
    expect(topped).toMatchObject({ status: "topped_up", data_gb: 8, expires_after_activation_days: 37 });
    expect(Date.parse(topped.expires_at!) - Date.parse(topped.activated_at!)).toBe(37 * DAY_MS);
    expect(await current(esim.order_id)).toMatchObject({ status: "topped_up", data_gb: 8 });
  });

  it("is idempotent on external_topup_id", async () => {
    const esim = await order("fr-5gb-30d");
    await call("POST", `/sandbox/esims/${esim.iccid}/activate`, undefined, null);
    const body = { data_gb: 1, validity_days: 0, external_topup_id: "top_once" };
    await topUp(esim.order_id, body);
    const again = await topUp(esim.order_id, body);
    expect(again.status).toBe(200);
    expect(wireOrder.parse(again.body).data_gb).toBe(6);

    const other = await order("fr-5gb-30d");
    const reused = await topUp(other.order_id, body);
    expect(reused.status).toBe(409);
    expect(errorCode(reused)).toBe("topup_conflict");
  });

  it("grows an issued eSIM's allowance without starting it", async () => {
    const esim = await order("fr-5gb-30d");
    const answer = await topUp(esim.order_id, { data_gb: 0.5, validity_days: 0, external_topup_id: "top_issued" });
    expect(wireOrder.parse(answer.body)).toMatchObject({ status: "issued", data_gb: 5.5, activated_at: null });
  });

  it("refuses an expired eSIM with 409 esim_expired, an unknown order with 404, an empty top-up with 400", async () => {
    const esim = await order("fr-5gb-30d");
    await call("POST", `/sandbox/esims/${esim.iccid}/expire`, undefined, null);
    const expired = await topUp(esim.order_id, { data_gb: 1, validity_days: 0, external_topup_id: "top_late" });
    expect(expired.status).toBe(409);
    expect(errorCode(expired)).toBe("esim_expired");

    const unknown = await topUp("esim_nope", { data_gb: 1, validity_days: 0, external_topup_id: "top_x" });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe("order_not_found");

    const empty = await topUp(esim.order_id, { data_gb: 0, validity_days: 0, external_topup_id: "top_empty" });
    expect(empty.status).toBe(400);
    expect(errorCode(empty)).toBe("invalid_request");
  });
});

describe("sandbox faults", () => {
  it("fails the next N orders with the chosen status and creates nothing, then recovers", async () => {
    const set = await call("POST", "/sandbox/faults", { orders: { fail_next: 2, status: 500 } }, null);
    expect(set.body).toMatchObject({ orders: { fail_next: 2, status: 500 } });
    const request = { plan_id: "pt-1gb-7d", quantity: 1, external_order_id: "ord_faulty" };
    for (let i = 0; i < 2; i++) {
      const failed = await call("POST", "/esim/orders", request);
      expect(failed.status).toBe(500);
      expect(errorCode(failed)).toBe("sandbox_fault");
    }
    const listed = await call("GET", "/esim/orders?external_order_id=ord_faulty");
    expect(wireOrderList.parse(listed.body).orders).toEqual([]);
    const third = await call("POST", "/esim/orders", request);
    expect(third.status).toBe(201);
  });

  it("apply_first: the order is made, then the answer fails; repeating it returns the same order", async () => {
    await call("POST", "/sandbox/faults", { orders: { fail_next: 1, status: 500, apply_first: true } }, null);
    const request = { plan_id: "pt-1gb-7d", quantity: 1, external_order_id: "ord_applied" };
    const failed = await call("POST", "/esim/orders", request);
    expect(failed.status).toBe(500);
    const listed = wireOrderList.parse((await call("GET", "/esim/orders?external_order_id=ord_applied")).body).orders;
    expect(listed).toHaveLength(1);
    const again = await call("POST", "/esim/orders", request);
    expect(again.status).toBe(200);
    expect(wireOrder.parse(again.body).order_id).toBe(listed[0]!.order_id);
  });

  it("apply_first on a top-up: applied once, the answer lost, the repeat answers with it applied", async () => {
    const esim = await order("fr-5gb-30d");
    await call("POST", "/sandbox/faults", { orders: { fail_next: 1, apply_first: true } }, null);
    const body = { data_gb: 1, validity_days: 0, external_topup_id: "top_applied" };
    expect((await call("POST", `/esim/${esim.order_id}/topup`, body)).status).toBe(500);
    const again = await call("POST", `/esim/${esim.order_id}/topup`, body);
    expect(again.status).toBe(200);
    expect(wireOrder.parse(again.body).data_gb).toBe(esim.data_gb + 1);
  });

  it("drop: the connection is closed without an answer, after the order was made when apply_first", async () => {
    await call("POST", "/sandbox/faults", { orders: { fail_next: 1, drop: true, apply_first: true } }, null);
    const request = { plan_id: "pt-1gb-7d", quantity: 1, external_order_id: "ord_dropped" };
    await expect(call("POST", "/esim/orders", request)).rejects.toThrow();
    const listed = wireOrderList.parse((await call("GET", "/esim/orders?external_order_id=ord_dropped")).body).orders;
    expect(listed).toHaveLength(1);
  });

  it("fails the next N lookups by our id, with a status or a dropped connection, then answers again", async () => {
    await order("fr-5gb-30d", "ord_looked_up");
    const set = await call("POST", "/sandbox/faults", { lookups: { fail_next: 2, status: 503 } }, null);
    expect(set.body).toMatchObject({ lookups: { fail_next: 2, status: 503, drop: false } });
    for (let i = 0; i < 2; i++) expect((await call("GET", "/esim/orders?external_order_id=ord_looked_up")).status).toBe(503);
    expect(wireOrderList.parse((await call("GET", "/esim/orders?external_order_id=ord_looked_up")).body).orders).toHaveLength(1);

    await call("POST", "/sandbox/faults", { lookups: { fail_next: 1, drop: true } }, null);
    await expect(call("GET", "/esim/orders?external_order_id=ord_looked_up")).rejects.toThrow();
    expect((await call("GET", "/esim/orders?external_order_id=ord_looked_up")).status).toBe(200);
    // Orders themselves are not affected by lookup faults.
    expect((await call("GET", "/sandbox/faults", undefined, null)).body).toMatchObject({ orders: { fail_next: 0 }, lookups: { fail_next: 0 } });
  });

  it("delays every /esim answer by latency_ms until reset with 0", async () => {
    await call("POST", "/sandbox/faults", { latency_ms: 250 }, null);
    const started = performance.now();
    const answer = await call("GET", "/esim/plans/jp-1gb-7d");
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    const reset = await call("POST", "/sandbox/faults", { latency_ms: 0 }, null);
    expect(reset.body).toMatchObject({ latency_ms: 0 });
  });

  it("refuses unknown fault settings", async () => {
    const answer = await call("POST", "/sandbox/faults", { orders: { failNext: 1 } }, null);
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe("invalid_request");
  });
});
