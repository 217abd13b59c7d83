/**
 * The money audit of an end-to-end run: Telegram's charges (the emulator's
 * records and Star ledger), the shop's payments and orders, and the
 * sandbox provider's orders and top-ups, checked against the promise
 * "every charge is delivered exactly once or refunded exactly once".
 * Returns every broken rule as a line naming its ids (empty: all good).
 */
import type { ShopPrisma } from "../../src/db/prisma-types.ts";
import type { SandboxControl } from "./sandbox-control.ts";
import type { TelegramEmulator } from "./telegram/emulator.ts";

/** What the audit counted, for the test's report line. */
export interface MoneyTally {
  charges: number;
  delivered: number;
  refunded: number;
  upstreamOrders: number;
  upstreamTopUps: number;
}

/** Audits every charge the emulator made; `problems` is empty when each is delivered once or refunded once. */
export async function auditMoney(emulator: TelegramEmulator, prisma: ShopPrisma, sandbox: SandboxControl): Promise<{ problems: string[]; tally: MoneyTally }> {
  const charges = emulator.payments();
  const payments = new Map((await prisma.payment.findMany()).map((payment) => [payment.telegramChargeId, payment]));
  const orders = new Map((await prisma.order.findMany()).map((order) => [order.id, order]));
  const [upstreamOrders, upstreamTopUps] = await Promise.all([sandbox.orders(), sandbox.topUps()]);
  const problems: string[] = [];
  const refundsInLedger = countBy(emulator.starTransactions().filter((t) => t.receiver !== undefined).map((t) => t.id));
  let delivered = 0;
  let refunded = 0;
  for (const charge of charges) {
    const payment = payments.get(charge.chargeId);
    const order = orders.get(charge.payload);
    const where = `charge ${charge.chargeId} (order ${charge.payload})`;
    if (!payment) {
      problems.push(`${where}: taken by Telegram, never recorded by the shop`);
      continue;
    }
    const deliveredByIt = payment.status === "captured" && order?.status === "delivered";
    if ((refundsInLedger.get(charge.chargeId) ?? 0) > 1) problems.push(`${where}: refunded more than once`);
    if (charge.refunded && payment.status !== "refunded") problems.push(`${where}: refunded at Telegram, the shop says ${payment.status}`);
    if (charge.refunded && deliveredByIt) problems.push(`${where}: delivered AND refunded`);
    if (!charge.refunded && !deliveredByIt) problems.push(`${where}: neither delivered nor refunded (payment ${payment.status}, order ${order?.status ?? "none"})`);
    if (charge.refunded) refunded += 1;
    else if (deliveredByIt) delivered += 1;
  }
  problems.push(...upstreamProblems(orders, payments, upstreamOrders, upstreamTopUps));
  return { problems, tally: { charges: charges.length, delivered, refunded, upstreamOrders: upstreamOrders.length, upstreamTopUps: upstreamTopUps.length } };
}

type OrderRow = Awaited<ReturnType<ShopPrisma["order"]["findMany"]>>[number];
type PaymentRow = Awaited<ReturnType<ShopPrisma["payment"]["findMany"]>>[number];

/** Upstream orders equal deliveries: one per delivered order (a top-up for a top-up order), none for any other; one captured payment each. */
function upstreamProblems(
  orders: Map<string, OrderRow>,
  payments: Map<string, PaymentRow>,
  upstreamOrders: Array<{ external_order_id: string | null }>,
  upstreamTopUps: Array<{ external_topup_id: string }>,
): string[] {
  const problems: string[] = [];
  const placed = countBy(upstreamOrders.map((order) => order.external_order_id ?? "(none)"));
  const toppedUp = countBy(upstreamTopUps.map((topUp) => topUp.external_topup_id));
  const captured = countBy([...payments.values()].filter((payment) => payment.status === "captured").map((payment) => payment.orderId ?? "(none)"));
  for (const order of orders.values()) {
    const upstream = order.topUpEsimId === null ? (placed.get(order.id) ?? 0) : (toppedUp.get(order.id) ?? 0);
    const expected = order.status === "delivered" ? 1 : 0;
    if (upstream !== expected) problems.push(`order ${order.id} (${order.status}): ${upstream} upstream ${order.topUpEsimId ? "top-ups" : "orders"}, expected ${expected}`);
    if (order.status === "delivered" && captured.get(order.id) !== 1) problems.push(`order ${order.id} delivered with ${captured.get(order.id) ?? 0} captured payments`);
  }
  for (const id of [...placed.keys(), ...toppedUp.keys()]) if (!orders.has(id)) problems.push(`upstream ${id} names no order of the shop`);
  return problems;
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
