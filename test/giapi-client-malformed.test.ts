/**
 * The generic API client against an upstream that misbehaves: every failure
 * becomes a typed provider error, and GETs (only GETs) are retried.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
} from "../src/providers/errors.ts";
import { GenericApiProvider } from "../src/providers/giapi/client.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
const clients: GenericApiProvider[] = [];

async function upstream(handler: Handler): Promise<{ client: GenericApiProvider; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new GenericApiProvider({ baseUrl: `http://127.0.0.1:${port}`, apiKey: "k", timeoutMs: 500 });
  clients.push(client);
  return { client, hits: () => hits };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
}

const ORDER = {
  order_id: "esim_1",
  external_order_id: "ord_1",
  plan_id: "jp-1gb-7d",
  status: "issued",
  qr_code_base64: "iVBORw0KGgo=",
  smdp_address: "1$rsp.giapi.com$ESIM-8KX2",
  iccid: "89011012012341234512",
  expires_after_activation_days: 7,
  data_gb: 1,
  data_used_mb: 0,
  activated_at: null,
  expires_at: null,
  created_at: "2026-11-25T10:00:00Z",
};

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("generic API client against malformed upstream responses", () => {
  it("rejects a body that is not JSON with a typed error", async () => {
    const { client } = await upstream((_, res) => res.writeHead(200).end("<html>maintenance</html>"));
    await expect(client.listPlans()).rejects.toBeInstanceOf(ProviderResponseError);
  });

  it("rejects a plan list that misses fields, naming the field", async () => {
    const { client } = await upstream((_, res) => json(res, 200, { plans: [{ plan_id: "x", name: "X" }] }));
    const error = await client.listPlans().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/plans\.0\./);
  });

  it("rejects an order without any activation code", async () => {
    const { client } = await upstream((_, res) => json(res, 201, { ...ORDER, smdp_address: "rsp.giapi.com" }));
    await expect(client.placeOrder({ planId: "jp-1gb-7d", externalOrderId: "ord_1" })).rejects.toThrow(
      /no activation code/,
    );
  });

  it("reads the seed's '1$host$code' SM-DP+ form", async () => {
    const { client } = await upstream((_, res) => json(res, 201, ORDER));
    const order = await client.placeOrder({ planId: "jp-1gb-7d", externalOrderId: "ord_1" });
    expect(order).toMatchObject({ smdpAddress: "rsp.giapi.com", matchingId: "ESIM-8KX2", dataMb: 1024, validityDays: 7 });
  });

  it("understands an order answered exactly like the seed's example", async () => {
    const seedAnswer = {
      order_id: "esim_3nk8w",
      status: "issued",
      qr_code_base64: "iVBORw0KGgo...",
      smdp_address: "1$rsp.giapi.com$ESIM-8KX2",
      iccid: "89011012012341234512",
      expires_after_activation_days: 30,
      data_gb: 20,
    };
    const { client } = await upstream((_, res) => json(res, 201, seedAnswer));
    const order = await client.placeOrder({ planId: "eu-regional-20gb-30d", externalOrderId: "your-order-555" });
    expect(order).toMatchObject({ providerOrderId: "esim_3nk8w", dataMb: 20 * 1024, validityDays: 30, matchingId: "ESIM-8KX2" });
  });

  it("maps statuses to typed errors with the upstream's message", async () => {
    const cases: Array<[number, new (...args: never[]) => Error]> = [
      [401, ProviderAuthError],
      [404, ProviderNotFoundError],
      [409, ProviderRejectedError],
    ];
    for (const [status, type] of cases) {
      const { client } = await upstream((_, res) => json(res, status, { error: { code: "nope", message: "refused here" } }));
      const error = await client.getPlan("jp").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect((error as Error).message).toContain("nope: refused here");
    }
  });

  it("retries a GET on 503 and succeeds", async () => {
    let calls = 0;
    const { client, hits } = await upstream((_, res) => {
      calls++;
      if (calls < 3) json(res, 503, { error: { code: "busy", message: "try later" } });
      else json(res, 200, { orders: [ORDER] });
    });
    await expect(client.findOrderByExternalId("ord_1")).resolves.toMatchObject({ providerOrderId: "esim_1" });
    expect(hits()).toBe(3);
  });

  it("never repeats a POST: one 500 is one request and a retryable error", async () => {
    const { client, hits } = await upstream((_, res) => json(res, 500, { error: { code: "boom", message: "x" } }));
    const error = await client.placeOrder({ planId: "jp-1gb-7d", externalOrderId: "ord_1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).retryable).toBe(true);
    expect(hits()).toBe(1);
  });

  it("times out a silent upstream as unavailable", async () => {
    const { client } = await upstream(() => {
      // never answers
    });
    await expect(client.placeOrder({ planId: "p", externalOrderId: "o" })).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it("treats a refused connection as unavailable", async () => {
    const client = new GenericApiProvider({ baseUrl: "http://127.0.0.1:9", apiKey: "k", timeoutMs: 500, getRetries: 0 });
    clients.push(client);
    await expect(client.listPlans()).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
