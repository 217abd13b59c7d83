/**
 * Orders written straight into the shop's database for the dashboard's tests
 * and bench: a small, hand-countable week of sales, and bulk orders (100,000
 * for the bench) spread over 90 days with a mix of statuses, destinations and
 * delivery times.
 */
import type { ShopPrisma } from "../../src/db/prisma-types.ts";
import { Prisma } from "../../src/generated/sqlite/client.ts";
import { seedUsers } from "./seed-travellers.ts";

const DAY = 86_400_000;

/** One seeded order's shape. */
export interface SeedOrder {
  id: string;
  userId: number;
  destinationCode: string;
  status: string;
  amount: number;
  costUsdCents: number;
  createdAt: Date;
  paidAt: Date | null;
  deliveredAt: Date | null;
  provider?: string;
}

/**
 * Writes orders (their users must exist), 500 to a multi-row INSERT: Prisma's
 * createMany writes row by row on SQLite, which made seeding 100,000 orders
 * take minutes.
 */
export async function insertOrders(prisma: ShopPrisma, orders: SeedOrder[]): Promise<void> {
  // Each order was last written when it was delivered (or paid, or created), as in a shop that has run for months.
  for (let start = 0; start < orders.length; start += 500) {
    const rows = orders.slice(start, start + 500).map(
      (o) => Prisma.sql`(${o.id}, ${BigInt(o.userId)}, ${BigInt(o.userId)}, ${`${o.destinationCode.toLowerCase()}-1gb-7d`}, ${`${o.destinationCode} 1 GB · 7 days`},
        ${o.destinationCode}, ${1024}, ${7}, ${o.costUsdCents}, ${"XTR"}, ${o.amount}, ${o.status}, ${"en"}, ${o.createdAt}, ${o.deliveredAt ?? o.paidAt ?? o.createdAt},
        ${o.paidAt}, ${o.deliveredAt}, ${o.status === "refunded" ? o.paidAt : null}, ${o.provider ?? "sandbox"})`,
    );
    await prisma.$executeRaw`
      INSERT INTO "Order" ("id", "userId", "chatId", "planId", "planName", "destinationCode", "dataMb", "validityDays", "costUsdCents",
        "currency", "amount", "status", "languageCode", "createdAt", "updatedAt", "paidAt", "deliveredAt", "refundedAt", "provider")
      VALUES ${Prisma.join(rows)}`;
  }
}

/** What the small seed holds, for the tests' expectations. */
export interface SmallSeed {
  /** Delivered orders per day, oldest first (the last 7 days, today last). */
  deliveredPerDay: number[];
  delivered: number;
  refunded: number;
  attention: number;
  /** Delivered orders per destination. */
  byDestination: Record<string, number>;
  /** Every delivered order costs 100 ⭐ (margin: 100/77 USD − 1 USD). */
  amount: number;
}

/**
 * The last 7 days: on the day `d` days ago, `d + 1` delivered orders (JP on
 * even days, TH on odd ones), delivered 20·d seconds after payment; plus 3
 * refunded and 2 waiting for the operator, 2 days ago.
 */
export async function seedSmallWeek(prisma: ShopPrisma, now: Date): Promise<SmallSeed> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  await seedUsers(prisma, [501, 502, 503]);
  const orders: SeedOrder[] = [];
  const byDestination: Record<string, number> = {};
  for (let d = 0; d < 7; d++) {
    for (let i = 0; i <= d; i++) {
      const paidAt = new Date(today - d * DAY + 60_000 * i);
      const destinationCode = d % 2 === 0 ? "JP" : "TH";
      byDestination[destinationCode] = (byDestination[destinationCode] ?? 0) + 1;
      orders.push({ id: `ord_d${d}_${i}`, userId: 501, destinationCode, status: "delivered", amount: 100, costUsdCents: 100, createdAt: paidAt, paidAt, deliveredAt: new Date(paidAt.getTime() + 20_000 * d + 5_000) });
    }
  }
  const twoDaysAgo = new Date(today - 2 * DAY + 3_600_000);
  for (let i = 0; i < 3; i++) orders.push({ id: `ord_r${i}`, userId: 502, destinationCode: "FR", status: "refunded", amount: 100, costUsdCents: 100, createdAt: twoDaysAgo, paidAt: twoDaysAgo, deliveredAt: null });
  for (let i = 0; i < 2; i++) orders.push({ id: `ord_n${i}`, userId: 503, destinationCode: "FR", status: "needs_operator", amount: 100, costUsdCents: 100, createdAt: twoDaysAgo, paidAt: twoDaysAgo, deliveredAt: null, provider: "octopus" });
  await insertOrders(prisma, orders);
  return { deliveredPerDay: [7, 6, 5, 4, 3, 2, 1], delivered: 28, refunded: 3, attention: 2, byDestination, amount: 100 };
}

const STATUSES = ["delivered", "delivered", "delivered", "delivered", "delivered", "delivered", "refunded", "needs_operator", "expired", "awaiting_payment"];
const DESTINATIONS = ["JP", "TH", "FR", "US", "DE", "IT", "ES", "TR", "GB", "KR", "VN", "ID"];

/** `count` orders over the 90 days before `now`, from 1,000 users (a deterministic mix). */
export async function seedBulkOrders(prisma: ShopPrisma, now: Date, count: number): Promise<void> {
  const users = Array.from({ length: 1000 }, (_, i) => 10_000 + i);
  await seedUsers(prisma, users);
  const orders: SeedOrder[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(now.getTime() - ((i * 7919) % (90 * DAY / 1000)) * 1000);
    const status = STATUSES[i % STATUSES.length]!;
    const paid = status !== "expired" && status !== "awaiting_payment";
    const paidAt = paid ? new Date(createdAt.getTime() + 30_000) : null;
    orders.push({
      id: `ord_b${i.toString().padStart(7, "0")}`,
      userId: users[i % users.length]!,
      destinationCode: DESTINATIONS[(i * 31) % DESTINATIONS.length]!,
      status,
      amount: 100 + (i % 7) * 50,
      costUsdCents: 90 + (i % 7) * 45,
      createdAt,
      paidAt,
      deliveredAt: status === "delivered" && paidAt ? new Date(paidAt.getTime() + ((i * 13) % 600) * 1000) : null,
      provider: i % 5 === 0 ? "octopus" : "sandbox",
    });
  }
  await insertOrders(prisma, orders);
}
