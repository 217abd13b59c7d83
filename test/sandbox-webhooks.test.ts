/**
 * Webhooks of the sandbox provider over real HTTP: the giapi client registers
 * (POST /webhooks), the sandbox signs and sends an event for every eSIM
 * change to a receiver in the test, and records each delivery, failed or not.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderAuthError } from "../src/providers/errors.ts";
import { GenericApiProvider } from "../src/providers/giapi/client.ts";
import { verifyWebhook } from "../src/providers/giapi/webhook-signature.ts";
import { startSandboxWithClient, type SandboxWithClient } from "./support/sandbox-client.ts";

const SECRET = "receiver-secret-0123456789";

interface Received {
  signature: string | undefined;
  timestamp: string | undefined;
  raw: Buffer;
  event: { id: string; type: string; created_at: string; data: { order_id: string; iccid: string; external_order_id?: string } };
}

/** A webhook receiver that records what arrives and answers `status`. */
async function startReceiver(status = 200) {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      received.push({
        signature: req.headers["x-webhook-signature"] as string | undefined,
        timestamp: req.headers["x-webhook-timestamp"] as string | undefined,
        raw,
        event: JSON.parse(raw.toString()),
      });
      res.writeHead(status).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    /** Resolves with the first event of `type`, waiting up to 5 s. */
    async waitFor(type: string): Promise<Received> {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const hit = received.find((r) => r.event.type === type);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no ${type} webhook; got ${received.map((r) => r.event.type).join(", ")}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let started: SandboxWithClient;
let sandbox: SandboxWithClient["sandbox"];
let client: SandboxWithClient["client"];
let control: SandboxWithClient["control"];

beforeAll(async () => {
  started = await startSandboxWithClient();
  ({ sandbox, client, control } = started);
});

afterAll(() => started.close());

async function newOrder(externalOrderId: string) {
  const [plan] = await client.listPlans({ country: "JP" });
  return client.placeOrder({ planId: plan!.id, externalOrderId });
}

describe("sandbox webhooks", () => {
  it("registers through the giapi client, and refuses a wrong API key", async () => {
    const receiver = await startReceiver();
    try {
      await client.registerWebhook({ url: receiver.url, secret: SECRET });
      const [registered] = (await control.webhooks()).filter((w) => w.url === receiver.url);
      expect(registered?.events).toEqual(["esim.activated", "esim.data_low", "esim.expired", "esim.topped_up"]);
      expect(JSON.stringify(await control.webhooks())).not.toContain(SECRET);

      // Registering again keeps one endpoint.
      await client.registerWebhook({ url: receiver.url, secret: SECRET });
      expect((await control.webhooks()).filter((w) => w.url === receiver.url)).toHaveLength(1);

      const stranger = new GenericApiProvider({ baseUrl: sandbox.url, apiKey: "wrong" });
      await expect(stranger.registerWebhook({ url: "http://127.0.0.1:9/x", secret: SECRET })).rejects.toBeInstanceOf(ProviderAuthError);
      await stranger.close();
      expect((await control.webhooks()).some((w) => w.url === "http://127.0.0.1:9/x")).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it("sends signed events for activation, low data, top-up and expiry, and lists the deliveries", async () => {
    const receiver = await startReceiver();
    try {
      await client.registerWebhook({ url: receiver.url, secret: SECRET });
      const order = await newOrder("ord_webhooks_1");

      await control.activate(order.iccid);
      // The control call answers after the delivery: it is already here.
      const activated = receiver.received.find((r) => r.event.type === "esim.activated");
      expect(activated?.event.data).toEqual({ order_id: order.providerOrderId, iccid: order.iccid, external_order_id: "ord_webhooks_1" });
      expect(activated?.event.id).toMatch(/^evt_/);
      // Signed when sent, with the time of sending.
      expect(Math.abs(Number(activated!.timestamp) * 1000 - Date.now())).toBeLessThan(10_000);
      expect(verifyWebhook(SECRET, activated!.raw, activated!, new Date())).toBeNull();
      expect(verifyWebhook("another-secret-0123", activated!.raw, activated!, new Date())).toBe("invalid");

      await control.usage(order.iccid, order.dataMb * 0.5);
      expect(receiver.received.map((r) => r.event.type)).toEqual(["esim.activated"]);
      await control.usage(order.iccid, order.dataMb * 0.85);
      await control.usage(order.iccid, order.dataMb * 0.9);
      expect(receiver.received.filter((r) => r.event.type === "esim.data_low")).toHaveLength(1);

      await client.topUp({ providerOrderId: order.providerOrderId, dataMb: 1024, validityDays: 0, externalTopUpId: "top_wh_1" });
      await receiver.waitFor("esim.topped_up");

      await control.expire(order.iccid);
      await receiver.waitFor("esim.expired");

      const deliveries = (await control.deliveries()).filter((d) => d.url === receiver.url);
      expect(deliveries.map((d) => [d.type, d.iccid, d.status, d.error])).toEqual([
        ["esim.activated", order.iccid, 200, null],
        ["esim.data_low", order.iccid, 200, null],
        ["esim.topped_up", order.iccid, 200, null],
        ["esim.expired", order.iccid, 200, null],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it("records a failed delivery and still answers the control call", async () => {
    const receiver = await startReceiver();
    const deadUrl = receiver.url;
    await client.registerWebhook({ url: deadUrl, secret: SECRET });
    await receiver.close(); // nothing listens there any more
    const order = await newOrder("ord_webhooks_dead");

    await expect(control.activate(order.iccid)).resolves.toBeUndefined();
    expect((await client.getUsage(order.providerOrderId)).status).toBe("active");
    const failed = (await control.deliveries()).filter((d) => d.url === deadUrl && d.iccid === order.iccid);
    expect(failed).toEqual([expect.objectContaining({ type: "esim.activated", status: null, error: "ECONNREFUSED" })]);
  });
});
