/**
 * The generic API client against the built-in sandbox over real HTTP: the
 * provider port's whole surface, and typed errors for what the sandbox refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidIccid } from "../src/domain/iccid.ts";
import { ProviderAuthError, ProviderNotFoundError, ProviderRejectedError, ProviderUnavailableError } from "../src/providers/errors.ts";
import { GenericApiProvider } from "../src/providers/giapi/client.ts";
import { startSandboxWithClient, type SandboxWithClient } from "./support/sandbox-client.ts";

let started: SandboxWithClient;
let sandbox: SandboxWithClient["sandbox"];
let client: SandboxWithClient["client"];
let control: SandboxWithClient["control"];

beforeAll(async () => {
  started = await startSandboxWithClient();
  ({ sandbox, client, control } = started);
});

afterAll(() => started.close());

describe("generic API client against the sandbox", () => {
  it("lists a realistic catalog mapped to the port's plans", async () => {
    const plans = await client.listPlans();
    expect(plans.length).toBeGreaterThanOrEqual(600);
    const countries = new Set(plans.filter((p) => p.destination.kind === "country").map((p) => p.destination.code));
    expect(countries.size).toBeGreaterThanOrEqual(190);
    expect(plans.some((p) => p.destination.kind === "region" && p.destination.code === "europe")).toBe(true);
    expect(plans.some((p) => p.destination.kind === "global")).toBe(true);
    for (const plan of plans) {
      expect(plan.dataMb).toBeGreaterThan(0);
      expect(plan.validityDays).toBeGreaterThan(0);
      expect(plan.costUsdCents).toBeGreaterThan(0);
      expect(plan.coverage.length).toBeGreaterThan(0);
    }
  });

  it("filters by country: country plans plus the regional and global ones that cover it", async () => {
    const plans = await client.listPlans({ country: "JP" });
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((p) => p.coverage.includes("JP"))).toBe(true);
    expect(new Set(plans.map((p) => p.destination.kind))).toEqual(new Set(["country", "region", "global"]));
  });

  it("returns plan details with operators and compatible devices", async () => {
    const [plan] = await client.listPlans({ country: "JP" });
    const details = await client.getPlan(plan!.id);
    expect(details.operators.length).toBeGreaterThan(0);
    expect(details.compatibleDevices.join(" ")).toMatch(/iPhone/);
  });

  it("orders, finds the order by our id, reads usage, tops up", async () => {
    const [plan] = await client.listPlans({ country: "FR" });
    const order = await client.placeOrder({ planId: plan!.id, externalOrderId: "ord_client_test" });
    expect(isValidIccid(order.iccid)).toBe(true);
    expect(order.matchingId).not.toBe("");
    expect(order.status).toBe("issued");

    const again = await client.placeOrder({ planId: plan!.id, externalOrderId: "ord_client_test" });
    expect(again.providerOrderId).toBe(order.providerOrderId);
    expect(await client.findOrderByExternalId("ord_client_test")).toMatchObject({ iccid: order.iccid });
    expect(await client.findOrderByExternalId("ord_nobody")).toBeNull();

    await control.activate(order.iccid);
    await control.usage(order.iccid, 300);
    const usage = await client.getUsage(order.providerOrderId);
    expect(usage).toMatchObject({ status: "active", usedMb: 300, dataMb: plan!.dataMb });
    expect(usage.activatedAt).toBeInstanceOf(Date);
    expect(usage.expiresAt!.getTime() - usage.activatedAt!.getTime()).toBe(plan!.validityDays * 86_400_000);

    const topped = await client.topUp({ providerOrderId: order.providerOrderId, dataMb: 1024, validityDays: 0, externalTopUpId: "top_1" });
    expect(topped).toMatchObject({ status: "topped_up", dataMb: plan!.dataMb + 1024 });
  });

  it("maps refusals to typed errors", async () => {
    await expect(client.getPlan("no-such-plan")).rejects.toBeInstanceOf(ProviderNotFoundError);
    await expect(client.placeOrder({ planId: "no-such-plan", externalOrderId: "x" })).rejects.toBeInstanceOf(ProviderNotFoundError);
    const stranger = new GenericApiProvider({ baseUrl: sandbox.url, apiKey: "wrong" });
    await expect(stranger.listPlans()).rejects.toBeInstanceOf(ProviderAuthError);
    await stranger.close();

    const [plan] = await client.listPlans({ country: "DE" });
    const order = await client.placeOrder({ planId: plan!.id, externalOrderId: "ord_expired" });
    await control.expire(order.iccid);
    await expect(
      client.topUp({ providerOrderId: order.providerOrderId, dataMb: 1024, validityDays: 0, externalTopUpId: "top_2" }),
    ).rejects.toBeInstanceOf(ProviderRejectedError);
  });

  it("reports injected upstream failures as retryable, without creating the order", async () => {
    await control.faults({ orders: { fail_next: 1, status: 502 } });
    const [plan] = await client.listPlans({ country: "IT" });
    await expect(client.placeOrder({ planId: plan!.id, externalOrderId: "ord_fault" })).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(await client.findOrderByExternalId("ord_fault")).toBeNull();
    await expect(client.placeOrder({ planId: plan!.id, externalOrderId: "ord_fault" })).resolves.toMatchObject({ status: "issued" });
  });
});
