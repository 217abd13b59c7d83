/**
 * eSIMs written straight into a running shop's database, for end-to-end tests
 * that need many of them (buying each end to end takes seconds) or ones the
 * catalog no longer sells.
 */
import { seedOrder } from "./seed-orders.ts";
import type { TestShop } from "./shop.ts";
import type { TestUser } from "./telegram/user.ts";

/** One eSIM written straight into the shop's database: its destination, status and ICCID tail. */
export interface EsimSeed {
  code: string;
  tail: string;
  status?: "issued" | "expired";
}

/**
 * Gives the traveller these eSIMs without buying each end to end, the last
 * one newest, each read from the provider just now (so a list within
 * BALANCE_CACHE_SECONDS shows them without asking the provider). Returns their ids.
 */
export async function seedEsims(shop: TestShop, user: TestUser, seeds: EsimSeed[]): Promise<string[]> {
  const prisma = shop.database.db.prisma;
  const start = Date.now() - 60 * 60_000;
  const ids: string[] = [];
  for (const [i, seed] of seeds.entries()) {
    const orderId = `ord_${user.id}_${i}`;
    const at = new Date(start + i * 1000);
    await seedOrder(prisma, { id: orderId, userId: user.id, status: "delivered", destinationCode: seed.code, createdAt: at, paidAt: at, deliveredAt: at, iccid: `894400000${user.id}${seed.tail}` });
    await prisma.esim.update({ where: { id: `esim_${orderId}` }, data: { status: seed.status ?? "issued", lastPolledAt: new Date() } });
    ids.push(`esim_${orderId}`);
  }
  return ids;
}
