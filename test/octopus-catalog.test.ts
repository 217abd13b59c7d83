/**
 * The octopus client's catalog against the octopus fake over real HTTP:
 * every page walked once, products placed as countries, regions or the
 * world, variants priced with the client discount, and the fake serving the
 * documented shapes (filters, pagination headers, empty image URLs).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProviderNotFoundError } from "../src/providers/errors.ts";
import { OctopusProvider } from "../src/providers/octopus/client.ts";
import { startOctopusFake, type OctopusFake } from "../src/providers/fakes/octopus/server.ts";
import { variantCostUsdCents } from "../src/providers/octopus/plans.ts";
import type { WireProductDetails, WireVariant } from "../src/providers/octopus/wire.ts";

const KEY = "catalog-test-key";
const PRODUCTS_PATH = "/api/v1/esim/products";

let fake: OctopusFake;
const clients: OctopusProvider[] = [];

/** A client of `server` (the default fake unless given) that records the products and variants it skips. */
function clientOf(server: OctopusFake, options: { pageSize?: number; usdRates?: Record<string, number> } = {}) {
  const skipped: Record<string, unknown>[] = [];
  const onSkip = (details: Record<string, unknown>) => skipped.push(details);
  const client = new OctopusProvider({ baseUrl: server.url, apiKey: KEY, ...options, onSkip });
  clients.push(client);
  return { client, skipped };
}

/** GETs an API path of the default fake with the right key. */
async function api(path: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(fake.url + path, { headers: { authorization: `Bearer ${KEY}` } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

beforeAll(async () => {
  fake = await startOctopusFake({ port: 0, apiKey: KEY });
});

afterEach(() => fake.resetStats());

afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await fake.close();
});

describe("the octopus fake's catalog endpoints", () => {
  it("serves a realistic default catalog", () => {
    expect(fake.products.length).toBeGreaterThanOrEqual(60);
    expect(fake.products.length).toBeLessThanOrEqual(120);
    expect(fake.products.filter((p) => p.variants.length === 0).length).toBeGreaterThanOrEqual(2);
    expect(fake.products.some((p) => p.country_code === "GLO")).toBe(true);
    for (const product of fake.products.filter((p) => p.variants.length > 0)) {
      expect(product.variants.length).toBeGreaterThanOrEqual(2);
      expect(product.variants.length).toBeLessThanOrEqual(5);
      for (const variant of product.variants) expect(variant.amount).toBeGreaterThan(0);
    }
  });

  it("paginates in headers, with a short last page when per_page does not divide the total", async () => {
    const total = fake.products.length;
    const lastPage = Math.ceil(total / 7);
    const last = await api(`${PRODUCTS_PATH}?page=${lastPage}&per_page=7`);
    expect(last.status).toBe(200);
    expect(Object.fromEntries([...last.headers].filter(([name]) => name.startsWith("x-")))).toEqual({
      "x-page": String(lastPage),
      "x-per-page": "7",
      "x-total-count": String(total),
      "x-total-pages": String(lastPage),
      "x-page-size": String(total - (lastPage - 1) * 7),
      "x-has-more": "false",
    });
    expect((last.body as unknown[]).length).toBe(total - (lastPage - 1) * 7);

    const first = await api(PRODUCTS_PATH);
    expect(first.headers.get("x-page")).toBe("1");
    expect(first.headers.get("x-per-page")).toBe("50");
    expect(first.headers.get("x-has-more")).toBe("true");
    // List entries carry no variants; the detail endpoint inlines them.
    expect((first.body as Record<string, unknown>[])[0]).not.toHaveProperty("variants");
  });

  it("filters by alpha-3 country code, GLO and a case-insensitive name search", async () => {
    const japan = await api(`${PRODUCTS_PATH}?country_code=JPN`);
    expect(japan.body).toEqual([expect.objectContaining({ country_code: "JPN", name: "Japan eSIM" })]);
    expect(japan.headers.get("x-total-count")).toBe("1");

    const global = (await api(`${PRODUCTS_PATH}?country_code=GLO`)).body as { country_code: string }[];
    expect(global.length).toBeGreaterThanOrEqual(1);
    expect(global.every((p) => p.country_code === "GLO")).toBe(true);

    const search = (await api(`${PRODUCTS_PATH}?search=eUrOpE`)).body as { name: string }[];
    expect(search.map((p) => p.name)).toContain("Europe eSIM");
    expect(search.every((p) => /europe/i.test(p.name))).toBe(true);
  });

  it("answers 400 VALIDATION_FAILURE for an id that is not a positive integer and 404 for an unknown one", async () => {
    for (const id of ["abc", "0", "-3", "1.5"]) {
      const { status, body } = await api(`${PRODUCTS_PATH}/${id}`);
      expect(status).toBe(400);
      expect(body).toEqual({
        error: { name: "ValidationException", code: "VALIDATION_FAILURE", message: "Invalid product ID" },
      });
    }
    const unknown = await api(`${PRODUCTS_PATH}/999999`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("answers 401 UNAUTHORIZED without the bearer token or with a wrong one", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong" }, { authorization: KEY }];
    for (const headers of attempts) {
      const response = await fetch(fake.url + PRODUCTS_PATH, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { name: "UnauthorizedError", code: "UNAUTHORIZED", message: "Authorization header required" },
      });
    }
  });
});

describe("OctopusProvider.listPlans against the fake", () => {
  it("walks every page once with a page size that does not divide the total and sees every product once", async () => {
    const { client } = clientOf(fake, { pageSize: 7 });
    const plans = await client.listPlans();

    const pages = Math.ceil(fake.products.length / 7);
    expect(pages * 7).not.toBe(fake.products.length);
    const pageRequests = fake.requests.filter((r) => r.startsWith(`GET ${PRODUCTS_PATH}?`));
    const expectedPages = Array.from({ length: pages }, (_, i) => `GET ${PRODUCTS_PATH}?page=${i + 1}&per_page=7`);
    expect(pageRequests).toEqual(expectedPages);

    const detailRequests = fake.requests.filter((r) => r.startsWith(`GET ${PRODUCTS_PATH}/`));
    expect(detailRequests.length).toBe(fake.products.length);
    expect(new Set(detailRequests)).toEqual(new Set(fake.products.map((p) => `GET ${PRODUCTS_PATH}/${p.id}`)));

    const variants = fake.products.flatMap((p) => p.variants);
    expect(plans.length).toBe(variants.length);
    const expectedIds = fake.products.flatMap((p) => p.variants.map((v) => `octo-${p.id}-${v.id}`));
    expect(new Set(plans.map((p) => p.id))).toEqual(new Set(expectedIds));
  });

  it("maps the default catalog: alpha-3 to alpha-2, GLO to global, regional products by name", async () => {
    const { client, skipped } = clientOf(fake);
    const plans = await client.listPlans();
    const japan = plans.filter((p) => p.destination.kind === "country" && p.destination.code === "JP");
    expect(japan.length).toBeGreaterThan(0);
    expect(japan.every((p) => p.coverage.join() === "JP")).toBe(true);
    const regions = new Set(plans.filter((p) => p.destination.kind === "region").map((p) => p.destination.code));
    expect([...regions].sort()).toEqual(
      ["africa", "asia", "balkans", "caribbean", "europe", "latin-america", "middle-east", "north-america", "oceania"],
    );
    const global = plans.filter((p) => p.destination.kind === "global");
    expect(global.length).toBeGreaterThan(0);
    expect(global.every((p) => p.destination.code === "global" && p.coverage.length > 100)).toBe(true);
    for (const plan of plans) {
      expect(plan.coverage.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
      expect(plan.costUsdCents).toBeGreaterThan(0);
    }
    expect(skipped).toEqual([]);
  });

  it("lists no plans for a product with no variants", async () => {
    const empty = fake.products.filter((p) => p.variants.length === 0);
    const { client } = clientOf(fake);
    const plans = await client.listPlans();
    expect(empty.length).toBeGreaterThan(0);
    for (const product of empty) expect(plans.some((p) => p.id.startsWith(`octo-${product.id}-`))).toBe(false);
  });

  it("filters by country: the country's plans plus the regional and global plans covering it", async () => {
    const { client } = clientOf(fake);
    const plans = await client.listPlans({ country: "JP" });
    expect(plans.every((p) => p.coverage.includes("JP"))).toBe(true);
    expect(new Set(plans.map((p) => p.destination.kind))).toEqual(new Set(["country", "region", "global"]));
    // Products that cannot cover Japan are not even fetched.
    const france = fake.products.find((p) => p.country_code === "FRA")!;
    expect(fake.requests).not.toContain(`GET ${PRODUCTS_PATH}/${france.id}`);

    const europe = await client.listPlans({ region: "europe", dataMb: 5120 });
    expect(europe.length).toBe(1);
    expect(europe[0]).toMatchObject({ destination: { kind: "region", code: "europe" }, dataMb: 5120 });
  });

  it("fetches product details a few at a time", async () => {
    const { client } = clientOf(fake);
    fake.setLatency(15);
    try {
      await client.listPlans();
    } finally {
      fake.setLatency(0);
    }
    expect(fake.peakInFlight).toBeGreaterThan(1);
    expect(fake.peakInFlight).toBeLessThanOrEqual(8);
  });
});

describe("OctopusProvider on a catalog with edge cases", () => {
  const variant = (id: number, productId: number, fields: Partial<WireVariant> = {}): WireVariant => ({
    id,
    esim_product_id: productId,
    name: `Plan ${id}`,
    currency_code: "USD",
    amount: 10,
    data_amount_gb: 1,
    validity_days: 7,
    client_discount: 0,
    ...fields,
  });
  type Product = WireProductDetails;
  const product = (id: number, name: string, code: string, variants: WireVariant[], imageUrl = ""): Product => ({
    id,
    name,
    country_code: code,
    currency_code: "USD",
    image_url: imageUrl,
    variants,
  });
  const products: WireProductDetails[] = [
    product(712, "Japan eSIM", "JPN", [
      variant(5511, 712, { name: "Japan 1 GB / 7 days", amount: 4.5, client_discount: 5, description: "Short trips" }),
      variant(5512, 712, { amount: 14.9, data_amount_gb: 5, validity_days: 30, client_discount: 5 }),
    ]),
    product(713, "South Africa eSIM", "ZAF", [variant(5513, 713, { data_amount_gb: 0.5 })], "https://cdn.test/za.png"),
    product(904, "Global Roaming", "GLO", [variant(5514, 904, { client_discount: 10 })]),
    product(905, "Asia Pacific", "GLO", [variant(5515, 905)]),
    product(906, "Europe eSIM", "EUR", [variant(5516, 906)]),
    product(907, "Cruise Ships & Ferries", "SEA", [variant(5517, 907)]),
    product(908, "Switzerland eSIM", "CHE", [
      variant(5518, 908, { currency_code: "CHF", amount: 10 }),
      variant(5519, 908, { currency_code: "USD", amount: 12, client_discount: 7.5 }),
    ]),
    product(909, "Kosovo eSIM", "XKX", [variant(5520, 909)]),
  ];
  let edge: OctopusFake;

  beforeAll(async () => {
    edge = await startOctopusFake({ port: 0, apiKey: KEY, products });
  });

  afterAll(() => edge.close());

  const byId = async (client: OctopusProvider) => new Map((await client.listPlans()).map((p) => [p.id, p]));

  it("prices a variant at amount less client_discount percent, in cents", async () => {
    const plans = await byId(clientOf(edge).client);
    // The document's example: 4.50 USD at 5 % off is 4.275, rounded to 4.28.
    expect(plans.get("octo-712-5511")).toEqual({
      id: "octo-712-5511",
      name: "Japan 1 GB / 7 days",
      destination: { kind: "country", code: "JP" },
      coverage: ["JP"],
      dataMb: 1024,
      validityDays: 7,
      costUsdCents: 428,
    });
    expect(plans.get("octo-712-5512")).toMatchObject({ dataMb: 5120, validityDays: 30, costUsdCents: 1416 });
    expect(plans.get("octo-904-5514")?.costUsdCents).toBe(900);
    expect(plans.get("octo-908-5519")?.costUsdCents).toBe(1110);
    expect(variantCostUsdCents({ ...products[0]!.variants[0]!, client_discount: 0 })).toBe(450);
  });

  it("places products: an alpha-3 country wins over a region word, GLO with a region name is that region", async () => {
    const plans = await byId(clientOf(edge).client);
    expect(plans.get("octo-713-5513")).toMatchObject({
      destination: { kind: "country", code: "ZA" },
      coverage: ["ZA"],
      dataMb: 512,
    });
    expect(plans.get("octo-904-5514")?.destination).toEqual({ kind: "global", code: "global" });
    expect(plans.get("octo-905-5515")?.destination).toEqual({ kind: "region", code: "asia" });
    expect(plans.get("octo-905-5515")?.coverage).toEqual(expect.arrayContaining(["JP", "TH", "SG"]));
    expect(plans.get("octo-906-5516")?.destination).toEqual({ kind: "region", code: "europe" });
    expect(plans.get("octo-906-5516")?.coverage).toEqual(expect.arrayContaining(["FR", "DE", "ES"]));
    expect(plans.get("octo-909-5520")?.destination).toEqual({ kind: "country", code: "XK" });
  });

  it("accepts an empty image_url", async () => {
    expect(products[0]!.image_url).toBe("");
    const plans = await byId(clientOf(edge).client);
    expect(plans.has("octo-712-5511")).toBe(true);
  });

  it("skips, with a note, a product it cannot place and a variant in a currency without a rate", async () => {
    const { client, skipped } = clientOf(edge);
    const plans = await byId(client);
    expect(plans.has("octo-907-5517")).toBe(false);
    expect(plans.has("octo-908-5518")).toBe(false);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ productId: 907, countryCode: "SEA" }),
        expect.objectContaining({ productId: 908, variantId: 5518 }),
      ]),
    );
    expect(plans.size).toBe(products.flatMap((p) => p.variants).length - 2);
  });

  it("converts a non-USD variant when the operator gives a rate", async () => {
    const plans = await byId(clientOf(edge, { usdRates: { CHF: 1.13 } }).client);
    expect(plans.get("octo-908-5518")?.costUsdCents).toBe(1130);
  });

  it("returns plan details with no operators and the usual device list; unknown plans are not found", async () => {
    const { client } = clientOf(edge);
    const details = await client.getPlan("octo-712-5512");
    expect(details).toMatchObject({ id: "octo-712-5512", costUsdCents: 1416, operators: [] });
    expect(details.compatibleDevices.join(" ")).toMatch(/iPhone/);
    await expect(client.getPlan("octo-712-9999")).rejects.toBeInstanceOf(ProviderNotFoundError);
    await expect(client.getPlan("octo-999-5511")).rejects.toBeInstanceOf(ProviderNotFoundError);
    await expect(client.getPlan("jp-1gb-7d")).rejects.toBeInstanceOf(ProviderNotFoundError);
  });
});
