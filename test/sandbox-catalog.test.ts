/**
 * The sandbox provider's catalog over real HTTP: size and shape (every
 * answer validated with the wire schemas), filters, plan details, prices.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wireError, wirePlanDetails, wirePlanList, type WirePlan } from "../src/providers/giapi/wire.ts";
import { REGION_IDS } from "../src/domain/destinations/index.ts";
import { buildSandboxCatalog, planPriceUsd } from "../src/providers/fakes/giapi-sandbox/catalog.ts";
import { startSandboxServer, type SandboxServer } from "../src/providers/fakes/giapi-sandbox/server.ts";

let dir: string;
let sandbox: SandboxServer;
let all: WirePlan[];

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(sandbox.url + path);
  return { status: response.status, body: await response.json() };
}

async function plans(query = ""): Promise<WirePlan[]> {
  const { status, body } = await getJson(`/esim/plans${query}`);
  expect(status).toBe(200);
  return wirePlanList.parse(body).plans;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-catalog-"));
  sandbox = await startSandboxServer({ port: 0, dbPath: join(dir, "sandbox.db") });
  all = await plans();
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sandbox catalog", () => {
  it("sells 600+ plans in 190+ countries, every region and worldwide", () => {
    expect(all.length).toBeGreaterThanOrEqual(600);
    const countries = new Set(all.filter((p) => p.type === "country").map((p) => p.country));
    expect(countries.size).toBeGreaterThanOrEqual(190);
    for (const region of REGION_IDS) {
      const regional = all.filter((p) => p.type === "regional" && p.region === region);
      expect(regional.length, region).toBeGreaterThanOrEqual(4);
      expect(regional.every((p) => p.country === null && p.countries.length >= 3), region).toBe(true);
    }
    const global = all.filter((p) => p.type === "global");
    expect(global.length).toBeGreaterThanOrEqual(3);
    for (const plan of global) {
      expect(plan.region).toBeNull();
      expect(plan.country).toBeNull();
      expect(plan.countries.length).toBeGreaterThanOrEqual(120);
    }
  });

  it("gives every plan a unique readable id, a matching name and a USD price", () => {
    expect(new Set(all.map((p) => p.plan_id)).size).toBe(all.length);
    for (const plan of all) {
      expect(plan.plan_id).toMatch(/^[a-z][a-z-]*-\d+gb-\d+d$/);
      expect(plan.plan_id.endsWith(`-${plan.data_gb}gb-${plan.validity_days}d`)).toBe(true);
      expect(plan.name.endsWith(` ${plan.data_gb} GB / ${plan.validity_days} days`)).toBe(true);
      expect(plan.price).toBeGreaterThan(0);
      expect(plan.is_esim_compatible).toBe(true);
      expect(new Set(plan.countries).size).toBe(plan.countries.length);
    }
    const byId = new Map(all.map((p) => [p.plan_id, p]));
    expect(byId.get("jp-1gb-7d")?.name).toBe("Japan 1 GB / 7 days");
    expect(byId.get("eu-regional-20gb-30d")?.name).toBe("Europe 20 GB / 30 days");
    expect(byId.get("global-10gb-30d")?.name).toBe("Worldwide 10 GB / 30 days");
  });

  it("sells 3 to 6 plans per country, some data amounts with two validities", () => {
    const perCountry = new Map<string, WirePlan[]>();
    for (const plan of all.filter((p) => p.type === "country")) {
      perCountry.set(plan.country!, [...(perCountry.get(plan.country!) ?? []), plan]);
    }
    for (const [country, list] of perCountry) {
      expect(list.length, country).toBeGreaterThanOrEqual(3);
      expect(list.length, country).toBeLessThanOrEqual(6);
    }
    const twoValidities = [...perCountry.values()].filter((list) => {
      const amounts = list.map((p) => p.data_gb);
      return new Set(amounts).size < amounts.length;
    });
    expect(twoValidities.length).toBeGreaterThan(20);
    expect(all.some((p) => p.data_gb === 50)).toBe(true);
  });

  it("prices big plans cheaper per GB, and Japan above Germany", () => {
    const price = (id: string) => all.find((p) => p.plan_id === id)?.price ?? Number.NaN;
    expect(price("de-1gb-7d")).toBeGreaterThanOrEqual(3);
    expect(price("de-1gb-7d")).toBeLessThanOrEqual(4);
    expect(price("jp-1gb-7d")).toBeGreaterThan(price("de-1gb-7d"));
    expect(price("us-1gb-7d")).toBeGreaterThan(price("de-1gb-7d"));
    expect(price("global-1gb-7d")).toBeGreaterThan(price("eu-regional-1gb-7d"));
    expect(planPriceUsd(4, 20, 30) / 20).toBeLessThan(planPriceUsd(4, 5, 30) / 5);
    expect(planPriceUsd(4, 5, 30) / 5).toBeLessThan(planPriceUsd(4, 1, 30));
    expect(planPriceUsd(4, 5, 30)).toBeGreaterThan(planPriceUsd(4, 5, 7));
  });

  it("is the same catalog on every build", () => {
    expect(buildSandboxCatalog().plans).toEqual(all);
  });

  it("filters by country (any case), including regional and worldwide plans covering it", async () => {
    const japan = await plans("?country=jp");
    expect(japan.length).toBeGreaterThan(5);
    expect(japan.every((p) => p.countries.includes("JP"))).toBe(true);
    expect(new Set(japan.map((p) => p.type))).toEqual(new Set(["country", "regional", "global"]));
    expect(japan.some((p) => p.region === "asia")).toBe(true);
    expect(await plans("?country=JP")).toEqual(japan);
    expect(await plans("?country=AQ")).toEqual([]);
  });

  it("filters by region, data amount and validity, combined", async () => {
    const europe = await plans("?region=europe");
    expect(europe.length).toBeGreaterThan(0);
    expect(europe.every((p) => p.type === "regional" && p.region === "europe")).toBe(true);
    expect(europe.find((p) => p.plan_id === "eu-regional-20gb-30d")?.countries).toEqual(
      expect.arrayContaining(["FR", "DE", "ES", "IT", "GB"]),
    );

    const fiveGb = await plans("?data_gb=5");
    expect(fiveGb.length).toBeGreaterThan(100);
    expect(fiveGb.every((p) => p.data_gb === 5)).toBe(true);

    const combined = await plans("?country=fr&data_gb=10&validity_days=30");
    expect(combined.map((p) => p.plan_id)).toEqual(
      expect.arrayContaining(["fr-10gb-30d", "eu-regional-10gb-30d", "global-10gb-30d"]),
    );
    expect(combined.every((p) => p.data_gb === 10 && p.validity_days === 30 && p.countries.includes("FR"))).toBe(true);
  });

  it("refuses malformed filters with 400 invalid_request", async () => {
    for (const query of ["?country=JPN", "?region=atlantis", "?data_gb=five", "?data_gb=0", "?validity_days=7.5"]) {
      const { status, body } = await getJson(`/esim/plans${query}`);
      expect(status, query).toBe(400);
      expect(wireError.parse(body).error.code).toBe("invalid_request");
    }
  });

  it("details a plan with coverage, operators, network and compatible devices", async () => {
    const { status, body } = await getJson("/esim/plans/jp-10gb-30d");
    expect(status).toBe(200);
    const japan = wirePlanDetails.parse(body);
    expect(japan.coverage).toEqual([{ country: "JP", operators: ["NTT Docomo", "SoftBank", "KDDI au"], network: "4G/5G" }]);
    expect(japan.compatible_devices.length).toBeGreaterThanOrEqual(15);
    expect(japan.compatible_devices.join("\n")).toMatch(/iPhone XS/);
    expect(japan.compatible_devices.join("\n")).toMatch(/Pixel 2/);

    const usa = wirePlanDetails.parse((await getJson("/esim/plans/us-10gb-30d")).body);
    expect(usa.coverage[0]?.operators).toEqual(["AT&T", "T-Mobile", "Verizon"]);

    const europe = wirePlanDetails.parse((await getJson("/esim/plans/eu-regional-20gb-30d")).body);
    expect(europe.coverage.map((c) => c.country)).toEqual(europe.countries);
    expect(europe.coverage.find((c) => c.country === "GB")?.operators).toEqual(["EE", "Vodafone UK", "O2 UK"]);
    for (const entry of europe.coverage) {
      expect(entry.operators.length).toBeGreaterThan(0);
      expect(["4G", "4G/5G"]).toContain(entry.network);
    }
  });

  it("answers 404 plan_not_found for an unknown plan, and 404 for unknown routes", async () => {
    const missing = await getJson("/esim/plans/xx-1gb-7d");
    expect(missing.status).toBe(404);
    expect(wireError.parse(missing.body).error.code).toBe("plan_not_found");
    const route = await getJson("/esim/nothing-here");
    expect(route.status).toBe(404);
    expect(wireError.parse(route.body).error.code).toBe("not_found");
  });

  // Last: it changes the shared sandbox's catalog.
  it("withdraws a plan: gone from the listing, details and new orders; unknown ids get 404", async () => {
    const planId = "jp-1gb-7d";
    expect((await plans("?country=JP")).map((p) => p.plan_id)).toContain(planId);
    const withdraw = (id: string) => fetch(`${sandbox.url}/sandbox/plans/${id}/withdraw`, { method: "POST" });
    const answer = await withdraw(planId);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ plan_id: planId, withdrawn: true });

    const japan = (await plans("?country=JP")).map((p) => p.plan_id);
    expect(japan).not.toContain(planId);
    expect(japan.length).toBeGreaterThan(0);
    expect((await plans()).length).toBe(all.length - 1);
    expect((await getJson(`/esim/plans/${planId}`)).status).toBe(404);
    const order = await fetch(`${sandbox.url}/esim/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ plan_id: planId, quantity: 1, external_order_id: "ord_withdrawn" }),
    });
    expect(order.status).toBe(404);
    expect(wireError.parse(await order.json()).error.code).toBe("plan_not_found");
    expect((await withdraw("xx-1gb-7d")).status).toBe(404);
  });
});
