/**
 * The octopus client when things go wrong: refused keys, refused requests,
 * broken bodies and headers, outages (GETs retried, POSTs not) and servers
 * whose pagination lies. Every failure is a typed provider error and no
 * partial catalog is returned.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ProviderAuthError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
} from "../src/providers/errors.ts";
import { OctopusProvider } from "../src/providers/octopus/client.ts";
import { startOctopusFake, type OctopusFake } from "../src/providers/fakes/octopus/server.ts";

const API_KEY = "errors-test-key";
const PRODUCTS = "/api/v1/esim/products";

let fake: OctopusFake;
let provider: OctopusProvider;
const extra: OctopusProvider[] = [];
const rawServers: Server[] = [];

beforeAll(async () => {
  fake = await startOctopusFake({ port: 0, apiKey: API_KEY });
  provider = new OctopusProvider({ baseUrl: fake.url, apiKey: API_KEY, getRetries: 1, retryDelayMs: 20 });
});

afterEach(() => {
  fake.failNext(0);
  fake.setMalformed(null);
  fake.resetStats();
});

afterAll(async () => {
  await Promise.all([provider, ...extra.splice(0)].map((c) => c.close()));
  await Promise.all(rawServers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  await fake.close();
});

/** Another client, closed after the suite. */
function otherClient(baseUrl: string, apiKey: string, maxPages?: number): OctopusProvider {
  const client = new OctopusProvider({ baseUrl, apiKey, maxPages, timeoutMs: 2_000, getRetries: 0 });
  extra.push(client);
  return client;
}

/** A hand-written upstream for answers the fake never gives. */
async function rawUpstream(handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void): Promise<string> {
  const server = createServer((req, res) => handler(req, res, new URL(req.url ?? "/", "http://x")));
  rawServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function sendPage(res: ServerResponse, body: unknown[], headers: Record<string, string | number | boolean>) {
  const pageHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
  res.writeHead(200, { "content-type": "application/json", ...pageHeaders }).end(JSON.stringify(body));
}

const PRODUCT = { id: 712, name: "Japan eSIM", country_code: "JPN", currency_code: "USD", image_url: "" };

describe("typed errors from the octopus fake", () => {
  it("a refused key is a ProviderAuthError whose message says the API key is refused", async () => {
    const error = await otherClient(fake.url, "not-the-key").listPlans().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderAuthError);
    expect((error as ProviderAuthError).status).toBe(401);
    expect((error as Error).message).toMatch(/octopus refused the API key/);
    expect((error as Error).message).toContain("UNAUTHORIZED: Authorization header required");
  });

  it("a 400 VALIDATION_FAILURE is a ProviderRejectedError carrying the API's code and message", async () => {
    const [plan] = await provider.listPlans({ country: "JP" });
    const error = await provider.placeOrder({ planId: plan!.id, externalOrderId: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as ProviderRejectedError).status).toBe(400);
    expect((error as Error).message).toContain("VALIDATION_FAILURE");
  });

  it("a broken list body is a ProviderResponseError and nothing is returned", async () => {
    fake.setMalformed(PRODUCTS);
    await expect(provider.listPlans()).rejects.toBeInstanceOf(ProviderResponseError);
  });

  it("a broken product detail fails the whole catalog rather than returning part of it", async () => {
    const japan = fake.products.find((p) => p.country_code === "JPN")!;
    fake.setMalformed(`${PRODUCTS}/${japan.id}`);
    const error = await provider.listPlans().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toContain(`${PRODUCTS}/${japan.id}`);
  });

  it("pagination headers that are not numbers are a ProviderResponseError", async () => {
    fake.setMalformed(PRODUCTS, "headers");
    const error = await provider.listPlans().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/pagination headers/);
  });

  it("retries a GET after a 503 and succeeds", async () => {
    fake.failNext(1, 503);
    const plans = await provider.listPlans({ region: "europe" });
    expect(plans.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r === `GET ${PRODUCTS}?page=1&per_page=50`)).toHaveLength(2);
  });

  it("gives up with ProviderUnavailableError when 5xx and 429 last", async () => {
    for (const status of [500, 429]) {
      fake.failNext(10, status);
      const error = await provider.listPlans().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as ProviderUnavailableError).status).toBe(status);
    }
  });

  it("never repeats a POST: a failed order is sent once, and nothing was stored", async () => {
    const [plan] = await provider.listPlans({ country: "FR" });
    fake.resetStats();
    fake.failNext(1, 500);
    await expect(provider.placeOrder({ planId: plan!.id, externalOrderId: "err-post-1" })).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
    expect(fake.requests.filter((r) => r.startsWith("POST "))).toHaveLength(1);
    expect(await provider.findOrderByExternalId("err-post-1")).toBeNull();
  });

  it("an unreachable API is a ProviderUnavailableError", async () => {
    const url = await rawUpstream(() => undefined);
    const server = rawServers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    await expect(otherClient(url, API_KEY).listPlans()).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});

describe("servers whose pagination lies", () => {
  it("stops at maxPages when X-Has-More never turns false", async () => {
    let hits = 0;
    const url = await rawUpstream((_req, res, u) => {
      hits++;
      const page = Number(u.searchParams.get("page"));
      const endless = { "x-page": page, "x-total-count": 1e9, "x-total-pages": 1e9, "x-has-more": true };
      sendPage(res, [{ ...PRODUCT, id: page }], endless);
    });
    const error = await otherClient(url, API_KEY, 5).listPlans().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/after 5/);
    expect(hits).toBe(5);
  });

  it("refuses a server that ignores the page asked for", async () => {
    const url = await rawUpstream((_req, res) =>
      sendPage(res, [PRODUCT], { "x-page": 1, "x-total-count": 3, "x-total-pages": 3, "x-has-more": true }),
    );
    await expect(otherClient(url, API_KEY).listPlans()).rejects.toThrow(/answered with page 1/);
  });

  it("refuses a page whose X-Page-Size is not its length", async () => {
    const url = await rawUpstream((_req, res) =>
      sendPage(res, [PRODUCT], { "x-page": 1, "x-total-count": 2, "x-total-pages": 1, "x-page-size": 2 }),
    );
    await expect(otherClient(url, API_KEY).listPlans()).rejects.toThrow(/X-Page-Size/);
  });

  it("refuses product details that describe another product", async () => {
    const url = await rawUpstream((req, res, u) => {
      if (u.pathname === PRODUCTS) {
        sendPage(res, [PRODUCT], { "x-page": 1, "x-total-count": 1, "x-total-pages": 1, "x-has-more": false });
      } else {
        const another = JSON.stringify({ ...PRODUCT, id: 713, variants: [] });
        res.writeHead(200, { "content-type": "application/json" }).end(another);
      }
    });
    await expect(otherClient(url, API_KEY).listPlans()).rejects.toBeInstanceOf(ProviderResponseError);
  });
});
