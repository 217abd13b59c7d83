/**
 * The operator's order desk on a shop with many orders, on SQLite and
 * PostgreSQL: sales for each period, the first page of Needs attention, the
 * look-ups (order id, ICCID tail, @username) and an order card. Prints the
 * median time of each over several runs and its ratio to a reference timed
 * in the same run on the same database (a plain `count(*)` of the orders),
 * since these machines are shared and noisy.
 *
 * Run: npm run bench:operator [-- --orders 50000 --runs 7]
 * Orders are spread over 60 days: 80 % delivered (each with an eSIM), 8 %
 * refunded, 6 % awaiting payment or expired, 4 % paid and past their
 * deadline, 2 % handed to the operator; 1,000 travellers with usernames.
 */
import { AuditRepository } from "../src/db/audit-repository.ts";
import { OperatorReads } from "../src/db/operator-reads.ts";
import { OrdersRepository } from "../src/db/orders-repository.ts";
import type { ShopPrisma } from "../src/db/prisma-types.ts";
import { AttentionList } from "../src/services/operator/attention.ts";
import { OrderLookup } from "../src/services/operator/order-lookup.ts";
import { SalesReport } from "../src/services/operator/sales.ts";
import { createTestDatabase, DATABASES } from "../test/support/databases.ts";
import { describeConditions } from "./support/conditions.ts";

const args = new Map(process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith("--") ? [[arg.slice(2), all[i + 1] ?? ""]] : [])));
const ORDERS = Number(args.get("orders") ?? 50_000);
const RUNS = Number(args.get("runs") ?? 7);
const USERS = 1_000;
const DAY = 86_400_000;

/** Writes the orders (and their users, payments, jobs and eSIMs) in chunks. */
async function seed(prisma: ShopPrisma, now: number): Promise<void> {
  const users = Array.from({ length: USERS }, (_, i) => ({ id: BigInt(100_000 + i), firstName: `T${i}`, username: `traveller_${i}` }));
  await prisma.user.createMany({ data: users });
  for (let start = 0; start < ORDERS; start += 2_000) {
    const rows = Array.from({ length: Math.min(2_000, ORDERS - start) }, (_, k) => orderRow(start + k, now));
    await prisma.order.createMany({ data: rows.map((row) => row.order) });
    await prisma.payment.createMany({ data: rows.flatMap((row) => (row.payment ? [row.payment] : [])) });
    await prisma.fulfilmentJob.createMany({ data: rows.flatMap((row) => (row.job ? [row.job] : [])) });
    await prisma.esim.createMany({ data: rows.flatMap((row) => (row.esim ? [row.esim] : [])) });
  }
}

function orderRow(n: number, now: number) {
  const id = `ord_${String(n).padStart(8, "0")}`;
  const userId = BigInt(100_000 + (n % USERS));
  const createdAt = new Date(now - ((n * 7919) % (60 * DAY)));
  const bucket = n % 50;
  const status = bucket < 40 ? "delivered" : bucket < 44 ? "refunded" : bucket < 47 ? (bucket === 44 ? "awaiting_payment" : "expired") : bucket < 49 ? "paid" : "needs_operator";
  const paid = status !== "awaiting_payment" && status !== "expired";
  const paidAt = paid ? new Date(createdAt.getTime() + 30_000) : null;
  const deliveredAt = status === "delivered" ? new Date(createdAt.getTime() + 40_000 + (n % 120) * 1000) : null;
  const order = {
    id, userId, chatId: userId, planId: "jp-1gb-7d", planName: "Japan 1 GB", destinationCode: ["JP", "FR", "US", "TH", "DE"][n % 5]!, dataMb: 1024,
    validityDays: 7, costUsdCents: 450, currency: "XTR", amount: 500, status, languageCode: "en", createdAt, paidAt, deliveredAt,
    refundedAt: status === "refunded" ? new Date(createdAt.getTime() + 3_600_000) : null,
  };
  const payment = paid ? { id: `pay_${n}`, telegramChargeId: `stx${n}`, orderId: id, userId, currency: "XTR", amount: 500, status: status === "refunded" ? "refunded" : "captured", createdAt: paidAt! } : null;
  const job = paid ? { orderId: id, status: status === "paid" ? "pending" : status === "delivered" ? "done" : "failed", runAt: new Date(now + DAY), deadlineAt: new Date(paidAt!.getTime() + 600_000) } : null;
  const esim = deliveredAt
    ? { id: `esim_${n}`, orderId: id, userId, iccid: `8944${String(n).padStart(15, "0")}`, providerOrderId: `up_${n}`, smdpAddress: "rsp.example", matchingId: "M", status: "active", destinationCode: order.destinationCode, planName: "Japan 1 GB", dataMb: 1024, validityDays: 7 }
    : null;
  return { order, payment, job, esim };
}

async function median(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function measure(kind: (typeof DATABASES)[number]): Promise<void> {
  const database = await createTestDatabase(kind);
  try {
    const prisma = database.db.prisma;
    const now = Date.now();
    const seedStart = performance.now();
    await seed(prisma, now);
    const clock = () => new Date(now);
    const reads = new OperatorReads(prisma, database.db.provider, new AuditRepository(prisma));
    const sales = new SalesReport({ reads, usdRate: () => 50, now: clock });
    const attention = new AttentionList({ reads, orders: new OrdersRepository(prisma, clock), now: clock });
    const lookup = new OrderLookup({ reads, now: clock });
    console.log(`\n${kind}: ${ORDERS.toLocaleString("en")} orders seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const reference = await median(() => prisma.order.count());
    const cases: Array<[string, () => Promise<unknown>]> = [
      ["sales today", () => sales.salesSummary("today")],
      ["sales 7 days", () => sales.salesSummary("7d")],
      ["sales 30 days", () => sales.salesSummary("30d")],
      ["needs attention, page 1", () => attention.attentionList(0)],
      ["find by order id", () => lookup.findOrders("ord_00001234")],
      ["find by ICCID tail (6 digits)", () => lookup.findOrders("001230")],
      ["find by @username", () => lookup.findOrders("@traveller_42")],
      ["order card", () => lookup.orderCard("ord_00001230")],
    ];
    console.log(`${"reference: count(*) of orders".padEnd(34)} ${reference.toFixed(2).padStart(8)} ms`);
    for (const [name, work] of cases) {
      const ms = await median(work);
      console.log(`${name.padEnd(34)} ${ms.toFixed(2).padStart(8)} ms  ×${(ms / reference).toFixed(1)} the reference`);
    }
  } finally {
    await database.drop();
  }
}

console.log(`operator desk bench: ${ORDERS.toLocaleString("en")} orders, median of ${RUNS} runs`);
for (const line of (await describeConditions()).slice(0, 3)) console.log(line);
for (const kind of DATABASES) await measure(kind);
