/**
 * Orders priced when their invoice is sent (src/services/orders.ts), on real
 * repositories: an order copies the plan's price; a top-up is refused for
 * someone else's eSIM, an expired one, and a plan of another destination or
 * no longer sold, and nothing is stored then.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Esim } from "../src/domain/order.ts";
import type { PricedPlan } from "../src/services/catalog.ts";
import { OrderService, ownedBy } from "../src/services/orders.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

const plan = (id: string, code: string, price: number): PricedPlan => ({
  id,
  name: `${code} 1 GB · 7 days`,
  destination: { kind: "country", code },
  coverage: [code],
  dataMb: 1024,
  validityDays: 7,
  costUsdCents: 450,
  price,
  currency: "XTR",
});
const JAPAN = plan("jp-1gb-7d", "JP", 500);
const JAPAN_BIG = plan("jp-5gb-30d", "JP", 1500);
const MEXICO = plan("mx-1gb-7d", "MX", 600);

let world: ServiceWorld;
let plans: PricedPlan[];
let service: OrderService;
let esim: Esim;

beforeEach(async () => {
  world = await createServiceWorld();
  plans = [JAPAN, JAPAN_BIG, MEXICO];
  const catalog = {
    plan: (id: string) => plans.find((p) => p.id === id),
    plansFor: (destination: { code: string }) => plans.filter((p) => p.destination.code === destination.code),
  };
  service = new OrderService(world.orders, world.esims, catalog);
  const first = await world.newOrder();
  esim = await world.esims.createFromProvider(first, {
    providerOrderId: "up_1", externalOrderId: first.id, iccid: "8900000000000000001", smdpAddress: "rsp.example",
    matchingId: "M", status: "active", dataMb: 1024, validityDays: 7,
  });
});
afterEach(() => world.close());

let taps = 0;
const topUp = (planId: string, userId = BUYER) =>
  service.createTopUp({ userId, chatId: userId, esimId: esim.id, planId, languageCode: "en", requestKey: `tap-${++taps}` });

async function storedOrders(): Promise<number> {
  return world.database.db.prisma.order.count();
}

describe("orders", () => {
  it("a new order copies the plan as priced now; a plan no longer sold gives none", async () => {
    const order = await service.create({ userId: BUYER, chatId: BUYER, planId: JAPAN_BIG.id, languageCode: "en", requestKey: "tap-a" });
    expect(order?.id).toMatch(/^ord_/);
    expect(order).toMatchObject({ planId: JAPAN_BIG.id, planName: "JP 1 GB · 7 days", amount: 1500, currency: "XTR", status: "awaiting_payment", userId: BUYER, topUpEsimId: null });
    expect(await service.create({ userId: BUYER, chatId: BUYER, planId: "gone", languageCode: "en", requestKey: "tap-b" })).toBeUndefined();
  });

  it("a top-up of the buyer's eSIM is priced by the chosen plan of its destination", async () => {
    const result = await topUp(JAPAN_BIG.id);
    expect(result.ok && result.order.id).toMatch(/^top_/);
    expect(result).toMatchObject({ ok: true, esim: { id: esim.id }, order: { topUpEsimId: esim.id, amount: 1500, planId: JAPAN_BIG.id, userId: BUYER } });
  });

  it("refuses a top-up of someone else's eSIM, of an expired one, or with a plan of another destination or no longer sold; nothing is stored", async () => {
    const before = await storedOrders();
    expect(await topUp(JAPAN.id, 777)).toEqual({ ok: false, reason: "not-yours" });
    expect(await topUp(MEXICO.id)).toMatchObject({ ok: false, reason: "not-sold", esim: { id: esim.id } });
    expect(await topUp("gone")).toMatchObject({ ok: false, reason: "not-sold" });
    await world.database.db.prisma.esim.update({ where: { id: esim.id }, data: { status: "expired" } });
    expect(await topUp(JAPAN.id)).toMatchObject({ ok: false, reason: "expired", esim: { id: esim.id } });
    expect(await storedOrders()).toBe(before);
  });

  it("offers the plans of the eSIM's destination as top-ups, to its owner only", async () => {
    expect(await service.topUpOptions(BUYER, esim.id)).toMatchObject({ ok: true, plans: [JAPAN, JAPAN_BIG] });
    expect(await service.topUpOptions(777, esim.id)).toEqual({ ok: false, reason: "not-yours" });
    expect(await service.topUpOptions(BUYER, "esim_nope")).toEqual({ ok: false, reason: "not-yours" });
    plans = [MEXICO];
    expect(await service.topUpOptions(BUYER, esim.id)).toMatchObject({ ok: false, reason: "not-sold" });
    await world.database.db.prisma.esim.update({ where: { id: esim.id }, data: { status: "expired" } });
    expect(await service.topUpOptions(BUYER, esim.id)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("an eSIM is owned by its buyer only", () => {
    expect(ownedBy(esim, BUYER)).toBe(true);
    expect(ownedBy(esim, BUYER + 1)).toBe(false);
    expect(ownedBy(null, BUYER)).toBe(false);
  });
});
