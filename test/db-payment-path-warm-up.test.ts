/**
 * The start-up warm-up of the payment→QR path's queries runs them for real
 * on the shop's database, so it must change nothing there: a paid order
 * whose fulfilment job is due, and a delivered one, are exactly as before
 * (the job not claimed, no lease, no row added), and none of its queries fails.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseProvider } from "../src/db/client.ts";
import { warmPaymentPath } from "../src/db/payment-path-warm-up.ts";
import { BUYER, createServiceWorld, type ServiceWorld } from "./support/service-world.ts";

let world: ServiceWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function paidOrder(w: ServiceWorld): Promise<string> {
  const order = await w.newOrder();
  const report = { orderId: order.id, userId: BUYER, telegramChargeId: `ch_${order.id}`, providerChargeId: null, currency: order.currency, amount: order.amount };
  const result = await w.orders.recordPayment(report, { deadlineAt: new Date(w.now().getTime() + 30 * 60_000) });
  if (result.kind !== "recorded") throw new Error(`payment not recorded: ${result.kind}`);
  return order.id;
}

/** Every row the payment→QR path touches. */
async function snapshot(w: ServiceWorld) {
  const prisma = w.database.db.prisma;
  return {
    users: await prisma.user.findMany({ orderBy: { id: "asc" } }),
    orders: await prisma.order.findMany({ orderBy: { id: "asc" } }),
    payments: await prisma.payment.findMany({ orderBy: { id: "asc" } }),
    jobs: await prisma.fulfilmentJob.findMany({ orderBy: { orderId: "asc" } }),
    esims: await prisma.esim.findMany({ orderBy: { id: "asc" } }),
    refunds: await prisma.refund.findMany({ orderBy: { id: "asc" } }),
  };
}

describe.each<DatabaseProvider>(["sqlite", "postgresql"])("warming up the payment→QR path (%s)", (db) => {
  it("changes no row and none of its queries fails", async () => {
    const w = (world = await createServiceWorld(db));
    const delivered = await paidOrder(w);
    const [claimed] = await w.jobs.claimDue(w.now(), 60_000, 10);
    await w.esims.createFromProvider((await w.orders.find(delivered))!, {
      providerOrderId: `up_${delivered}`,
      externalOrderId: delivered,
      iccid: "8901000000000000001",
      smdpAddress: "smdp.example.com",
      matchingId: "WARM-TEST-0001",
      status: "issued",
      dataMb: 1024,
      validityDays: 7,
    });
    await w.orders.markDelivered(delivered);
    await w.jobs.finish(claimed!.orderId, "done");
    // A paid order whose job is due right now, its lease free: a claim would take it.
    await paidOrder(w);
    const before = await snapshot(w);
    expect(before.jobs.map((job) => job.status).sort()).toEqual(["done", "pending"]);

    const failures: string[] = [];
    await warmPaymentPath(w.database.db, (query, error) => failures.push(`${query}: ${String(error)}`));
    expect(failures).toEqual([]);
    expect(await snapshot(w)).toEqual(before);
  });
});
