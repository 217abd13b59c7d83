/**
 * Provider webhooks end to end: the shop runs its webhook server
 * (WEBHOOK_PORT=0), registers it with the sandbox at start, and the sandbox's
 * signed events make the traveller hear about activation and low data
 * without waiting for a lifecycle tick, still once each. Forged or unsigned
 * events change nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { request } from "undici";
import { signWebhook } from "../src/providers/giapi/webhook-signature.ts";
import { DATABASES } from "./support/databases.ts";
import { buttonLabels, buyUpToInvoice } from "./support/purchase-flow.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import type { TestUser } from "./support/telegram/user.ts";

const SECRET = "e2e-webhook-secret-0123456789";

let shop: TestShop | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** Buys the first Japan plan; returns its ICCID and the sandbox's order id. */
async function buyJapan(s: TestShop, user: TestUser): Promise<{ iccid: string; orderId: string }> {
  const { invoice } = await buyUpToInvoice(user, "Japan");
  await user.pay();
  await user.waitForPhoto("Your eSIM is ready", { timeoutMs: 10_000 });
  const order = (await s.sandbox.orders()).find((o) => o.external_order_id === invoice.invoice!.payload);
  return { iccid: order!.iccid, orderId: order!.order_id };
}

function countMessages(user: TestUser, text: string): number {
  return user.messages().filter((m) => m.content.includes(text)).length;
}

/** POSTs a body to the shop's webhook endpoint with the given signature headers. */
async function postWebhook(s: TestShop, body: string, headers: Record<string, string>) {
  const response = await request(`${s.app.webhookUrl}/webhooks/provider`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return { status: response.statusCode, body: await response.body.text() };
}

/** The headers of `body` signed with the shop's secret (or `secret`) at `sentAt` (now by default). */
function signed(body: string, sentAt = new Date(), secret = SECRET): Record<string, string> {
  return signWebhook(secret, body, sentAt);
}

function activatedEvent(esim: { iccid: string; orderId: string }, type = "esim.activated", id = "evt_test_1", createdAt = new Date()): string {
  return JSON.stringify({
    id,
    type,
    created_at: createdAt.toISOString(),
    data: { order_id: esim.orderId, iccid: esim.iccid },
  });
}

describe.each(DATABASES)("provider webhooks on %s", (db) => {
  it("activation and low data reach the traveller through the sandbox's webhooks, once, without a tick", async () => {
    shop = await startShop({ db, env: { WEBHOOK_PORT: "0", PROVIDER_WEBHOOK_SECRET: SECRET } });
    const user = shop.emulator.user();
    const esim = await buyJapan(shop, user);
    const endpoint = `${shop.app.webhookUrl}/webhooks/provider`;
    expect((await shop.sandbox.webhooks()).map((w) => w.url)).toEqual([endpoint]);

    await shop.sandbox.activate(esim.iccid);
    const activated = await user.waitForMessage("is connected");
    expect(activated.content).toMatch(/You have 1 GB to use until .+ UTC/);
    expect(countMessages(user, "is connected")).toBe(1);

    // The poll that follows finds nothing new to say.
    const report = await shop.app.tickLifecycle();
    expect(report.notifications).toBe(0);
    expect(countMessages(user, "is connected")).toBe(1);

    await shop.sandbox.usage(esim.iccid, 870); // 85 % of 1 GB
    const low = await user.waitForMessage("running low");
    expect(low.content).toContain("154 MB of 1 GB left");
    expect(buttonLabels(low)).toEqual(["➕ Top up"]);
    await shop.app.tickLifecycle();
    expect(countMessages(user, "running low")).toBe(1);
    expect(countMessages(user, "is connected")).toBe(1);

    // The operator's view: both deliveries reached the bot and were accepted.
    const deliveries = await shop.sandbox.deliveries();
    expect(deliveries.map((d) => [d.type, d.url, d.status])).toEqual([
      ["esim.activated", endpoint, 200],
      ["esim.data_low", endpoint, 200],
    ]);
    expect(shop.logs.filter((l) => l.level >= 40)).toEqual([]);
  });
});

describe("provider webhook endpoint", () => {
  /** A shop whose sandbox posts its own webhooks to a dead address, so the test alone talks to the endpoint. */
  async function shopWithoutSandboxDeliveries(): Promise<TestShop> {
    return startShop({ env: { WEBHOOK_PORT: "0", PROVIDER_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "http://127.0.0.1:9" } });
  }

  async function esimRow(s: TestShop, iccid: string) {
    const row = await s.database.db.prisma.esim.findUniqueOrThrow({ where: { iccid }, include: { notifications: true } });
    return { status: row.status, notifications: row.notifications.length };
  }

  it("refuses unsigned and badly signed events with 401 and changes nothing; a signed one is recorded", async () => {
    shop = await shopWithoutSandboxDeliveries();
    const user = shop.emulator.user();
    const esim = await buyJapan(shop, user);
    await shop.sandbox.activate(esim.iccid);
    // The sandbox tried the registered PUBLIC_URL and failed: the failure is recorded, the eSIM is active there.
    expect(await shop.sandbox.deliveries()).toEqual([
      expect.objectContaining({ type: "esim.activated", url: "http://127.0.0.1:9/webhooks/provider", status: null, error: expect.any(String) }),
    ]);

    const body = activatedEvent(esim);
    expect((await postWebhook(shop, body, {})).status).toBe(401);
    expect((await postWebhook(shop, body, signed(body, new Date(), "not-the-shop-secret-0123"))).status).toBe(401);
    expect((await postWebhook(shop, body, { ...signed(body), "x-webhook-signature": "sha256=deadbeef" })).status).toBe(401);
    // Signed, but not this body.
    expect((await postWebhook(shop, body, signed(`${body}\n`))).status).toBe(401);

    expect(await esimRow(shop, esim.iccid)).toEqual({ status: "issued", notifications: 0 });
    expect(countMessages(user, "is connected")).toBe(0);
    expect(shop.logs.filter((l) => l.msg === "provider webhook refused: bad signature")).toHaveLength(4);
    expect(JSON.stringify(shop.logs)).not.toContain(SECRET);

    const accepted = await postWebhook(shop, body, signed(body));
    expect(accepted).toEqual({ status: 200, body: JSON.stringify({ status: "recorded" }) });
    await user.waitForMessage("is connected");
    expect(await esimRow(shop, esim.iccid)).toEqual({ status: "active", notifications: 1 });

    // The same event again (providers retry): acknowledged, no second message.
    expect(await postWebhook(shop, body, signed(body))).toEqual({ status: 200, body: JSON.stringify({ status: "duplicate" }) });
    await shop.app.tickLifecycle();
    expect(countMessages(user, "is connected")).toBe(1);
    expect(await esimRow(shop, esim.iccid)).toEqual({ status: "active", notifications: 1 });
  });

  it("a replayed delivery is acknowledged and changes nothing; one signed long ago or in the future is refused", async () => {
    shop = await shopWithoutSandboxDeliveries();
    const user = shop.emulator.user();
    const esim = await buyJapan(shop, user);
    await shop.sandbox.activate(esim.iccid);
    const activation = activatedEvent(esim, "esim.activated", "evt_replay_1");
    const captured = signed(activation);
    expect((await postWebhook(shop, activation, captured)).status).toBe(200);
    await user.waitForMessage("is connected");

    // 85 % used at the provider; the shop has not heard of it (its webhook went nowhere).
    await shop.sandbox.usage(esim.iccid, 870);
    const before = await shop.database.db.prisma.esim.findUniqueOrThrow({ where: { iccid: esim.iccid } });
    const duplicate = { status: 200, body: JSON.stringify({ status: "duplicate" }) };
    // The captured request, byte for byte; then the same event signed afresh (a provider delivering twice).
    expect(await postWebhook(shop, activation, captured)).toEqual(duplicate);
    expect(await postWebhook(shop, activation, signed(activation))).toEqual(duplicate);

    // New event ids, validly signed, but long ago or ahead of time.
    const lowData = (id: string, at: Date) => activatedEvent(esim, "esim.data_low", id, at);
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    const in2020 = new Date("2020-03-01T10:00:00Z");
    const inTenMinutes = new Date(Date.now() + 10 * 60_000);
    const stale = await postWebhook(shop, lowData("evt_old_1", sixMinutesAgo), signed(lowData("evt_old_1", sixMinutesAgo), sixMinutesAgo));
    expect(stale).toEqual({ status: 401, body: JSON.stringify({ error: "expired_timestamp" }) });
    expect((await postWebhook(shop, lowData("evt_2020", in2020), signed(lowData("evt_2020", in2020), in2020))).status).toBe(401);
    const future = await postWebhook(shop, lowData("evt_future", inTenMinutes), signed(lowData("evt_future", inTenMinutes), inTenMinutes));
    expect(future).toEqual({ status: 401, body: JSON.stringify({ error: "timestamp_in_future" }) });

    // None of them read the eSIM again or told the traveller anything.
    const after = await shop.database.db.prisma.esim.findUniqueOrThrow({ where: { iccid: esim.iccid } });
    expect(after.usedMb).toBe(before.usedMb);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(countMessages(user, "running low")).toBe(0);

    // A fresh event is handled: it was only the replays that were stopped.
    const fresh = lowData("evt_fresh_1", new Date());
    expect(await postWebhook(shop, fresh, signed(fresh))).toEqual({ status: 200, body: JSON.stringify({ status: "recorded" }) });
    await user.waitForMessage("running low");
  });

  it("answers 400 to malformed bodies, acknowledges unknown types and eSIMs, limits the size, serves /healthz", async () => {
    shop = await shopWithoutSandboxDeliveries();
    const post = (body: string) => postWebhook(shop!, body, signed(body));

    expect((await post("{not json")).status).toBe(400);
    const wrongShape = await post(JSON.stringify({ id: "evt_1", type: "esim.activated", created_at: "now", data: {} }));
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body).toContain("created_at");

    const unknownType = await post(activatedEvent({ iccid: "89000000000000000001", orderId: "x" }, "esim.renamed"));
    expect(unknownType).toEqual({ status: 200, body: JSON.stringify({ status: "ignored" }) });

    const unknownEsim = await post(activatedEvent({ iccid: "89000000000000000001", orderId: "esim_nobody" }));
    expect(unknownEsim).toEqual({ status: 202, body: JSON.stringify({ status: "unknown_esim" }) });

    const huge = JSON.stringify({ padding: "x".repeat(70 * 1024) });
    expect((await post(huge)).status).toBe(413);

    const health = await request(`${shop.app.webhookUrl}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: "ok", database: "ok", provider: "ok" });
  });
});
