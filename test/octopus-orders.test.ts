/**
 * Orders, lookups, usage and top-ups through the octopus client against the
 * fake's assumed order endpoints, over real HTTP: idempotent on our ids,
 * valid ICCIDs and activation codes, usage as the phone reports it, state
 * kept in a file across restarts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidIccid } from "../src/domain/iccid.ts";
import { parseLpa } from "../src/domain/lpa.ts";
import { ProviderNotFoundError, ProviderRejectedError } from "../src/providers/errors.ts";
import { OctopusProvider } from "../src/providers/octopus/client.ts";
import { OCTOPUS_FAKE_SMDP_HOST, startOctopusFake, type OctopusFake } from "../src/providers/fakes/octopus/server.ts";
import type { Plan } from "../src/providers/port.ts";

const TOKEN = "orders-test-key";

let dir: string;
let dbPath: string;
let fake: OctopusFake;
let octopus: OctopusProvider;
let japan1gb: Plan;
let japan5gb: Plan;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "octopus-orders-"));
  dbPath = join(dir, "state", "octopus.db");
  fake = await startOctopusFake({ port: 0, apiKey: TOKEN, dbPath });
  octopus = new OctopusProvider({ baseUrl: fake.url, apiKey: TOKEN });
  const plans = (await octopus.listPlans({ country: "JP" })).filter((p) => p.destination.kind === "country");
  japan1gb = plans.find((p) => p.dataMb === 1024)!;
  japan5gb = plans.find((p) => p.dataMb === 5120)!;
});

afterAll(async () => {
  await octopus.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ordering through the octopus client", () => {
  it("orders an eSIM with a valid ICCID and an SGP.22 activation code", async () => {
    const order = await octopus.placeOrder({ planId: japan1gb.id, externalOrderId: "ord-new-1" });
    expect(order).toMatchObject({
      externalOrderId: "ord-new-1",
      status: "issued",
      dataMb: 1024,
      validityDays: japan1gb.validityDays,
      smdpAddress: OCTOPUS_FAKE_SMDP_HOST,
    });
    expect(order.providerOrderId).toMatch(/^[1-9]\d*$/);
    expect(isValidIccid(order.iccid)).toBe(true);
    const wire = fake.orders().find((o) => o.external_order_id === "ord-new-1")!;
    expect(parseLpa(wire.activation_code)).toEqual({ smdpAddress: order.smdpAddress, matchingId: order.matchingId });
    expect(wire.activation_code).toMatch(/^LPA:1\$/);
  });

  it("is idempotent on external_order_id: the same order comes back and only one is created", async () => {
    const first = await octopus.placeOrder({ planId: japan1gb.id, externalOrderId: "ord-idem" });
    const again = await octopus.placeOrder({ planId: japan1gb.id, externalOrderId: "ord-idem" });
    expect(again).toEqual(first);
    expect(fake.orders().filter((o) => o.external_order_id === "ord-idem")).toHaveLength(1);
  });

  it("refuses the same external_order_id for another plan", async () => {
    await octopus.placeOrder({ planId: japan1gb.id, externalOrderId: "ord-conflict" });
    const other = { planId: japan5gb.id, externalOrderId: "ord-conflict" };
    const error = await octopus.placeOrder(other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as ProviderRejectedError).status).toBe(409);
  });

  it("reports a plan that is not sold as not found", async () => {
    for (const planId of ["octo-712-999999", "giapi-plan"]) {
      const order = octopus.placeOrder({ planId, externalOrderId: "ord-unknown" });
      await expect(order).rejects.toBeInstanceOf(ProviderNotFoundError);
    }
  });

  it("finds an order by our id, and returns null for an id never ordered", async () => {
    const placed = await octopus.placeOrder({ planId: japan5gb.id, externalOrderId: "ord-lookup" });
    expect(await octopus.findOrderByExternalId("ord-lookup")).toEqual(placed);
    expect(await octopus.findOrderByExternalId("ord-never")).toBeNull();
  });
});

describe("usage and top-ups through the octopus client", () => {
  it("reports an issued eSIM, then activation and usage as the phone reports them", async () => {
    const order = await octopus.placeOrder({ planId: japan5gb.id, externalOrderId: "ord-usage" });
    expect(await octopus.getUsage(order.providerOrderId)).toMatchObject({
      providerOrderId: order.providerOrderId,
      status: "issued",
      dataMb: 5120,
      usedMb: 0,
      activatedAt: null,
      expiresAt: null,
    });
    fake.activate(order.iccid);
    fake.setUsage(order.iccid, 1300);
    const usage = await octopus.getUsage(order.providerOrderId);
    expect(usage).toMatchObject({ status: "active", dataMb: 5120, usedMb: 1300 });
    expect(usage.expiresAt!.getTime() - usage.activatedAt!.getTime()).toBe(japan5gb.validityDays * 86_400_000);
  });

  it("tops up data and validity once per top-up id", async () => {
    const order = await octopus.placeOrder({ planId: japan1gb.id, externalOrderId: "ord-topup" });
    fake.activate(order.iccid);
    const before = await octopus.getUsage(order.providerOrderId);
    const input = { providerOrderId: order.providerOrderId, dataMb: 2048, validityDays: 7, externalTopUpId: "top-1" };
    const after = await octopus.topUp(input);
    expect(after).toMatchObject({ status: "topped_up", dataMb: 1024 + 2048 });
    expect(after.expiresAt!.getTime() - before.expiresAt!.getTime()).toBe(7 * 86_400_000);
    const repeated = await octopus.topUp(input);
    expect(repeated).toEqual(after);
  });

  it("refuses a top-up of an expired eSIM, and one of an unknown order", async () => {
    const order = await octopus.placeOrder({ planId: japan1gb.id, externalOrderId: "ord-expired" });
    fake.expire(order.iccid);
    expect(await octopus.getUsage(order.providerOrderId)).toMatchObject({ status: "expired" });
    const input = { providerOrderId: order.providerOrderId, dataMb: 1024, validityDays: 0, externalTopUpId: "top-x" };
    await expect(octopus.topUp(input)).rejects.toBeInstanceOf(ProviderRejectedError);
    await expect(octopus.topUp({ ...input, providerOrderId: "1", externalTopUpId: "top-y" })).rejects.toBeInstanceOf(
      ProviderNotFoundError,
    );
    await expect(octopus.getUsage("not-an-id")).rejects.toBeInstanceOf(ProviderNotFoundError);
  });
});

describe("the fake's state file", () => {
  it("keeps orders across a restart", async () => {
    const placed = await octopus.placeOrder({ planId: japan1gb.id, externalOrderId: "ord-restart" });
    await fake.close();
    fake = await startOctopusFake({ port: 0, apiKey: TOKEN, dbPath });
    const reopened = new OctopusProvider({ baseUrl: fake.url, apiKey: TOKEN });
    try {
      expect(await reopened.findOrderByExternalId("ord-restart")).toEqual(placed);
    } finally {
      await reopened.close();
    }
  });
});
