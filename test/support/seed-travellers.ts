/**
 * Travellers written straight into the shop's database, for operator tests:
 * a user, optionally with an order delivered some days ago and its eSIM, and
 * their opt-out and blocked marks. Thousands at once with `seedUsers`.
 */
import type { ShopPrisma } from "../../src/db/prisma-types.ts";

const DAY = 24 * 60 * 60_000;

/** What a seeded traveller has. */
export interface TravellerSeed {
  /** Chosen with /language. */
  language?: string;
  optedOut?: boolean;
  blocked?: boolean;
  /** An order delivered this many days before `now` (365 when only `esim` is given). */
  deliveredDaysAgo?: number;
  /** The order's language (the buyer's at the time). */
  orderLanguage?: string;
  /** An eSIM of that order, in this status (issued, active, topped_up, expired). */
  esim?: string;
}

/** Stores one traveller as `seed` says. */
export async function seedTraveller(prisma: ShopPrisma, now: Date, id: number, seed: TravellerSeed = {}): Promise<void> {
  await prisma.user.create({
    data: {
      id: BigInt(id),
      firstName: `Traveller ${id}`,
      languageCode: seed.language ?? null,
      newsOptOutAt: seed.optedOut ? now : null,
      blockedAt: seed.blocked ? now : null,
    },
  });
  if (seed.deliveredDaysAgo === undefined && seed.esim === undefined) return;
  const deliveredAt = new Date(now.getTime() - (seed.deliveredDaysAgo ?? 365) * DAY);
  await prisma.order.create({
    data: {
      id: `ord_${id}`, userId: BigInt(id), chatId: BigInt(id), planId: "jp-1gb-7d", planName: "Japan 1 GB", destinationCode: "JP",
      dataMb: 1024, validityDays: 7, costUsdCents: 450, currency: "XTR", amount: 500, status: "delivered",
      languageCode: seed.orderLanguage ?? "en", createdAt: deliveredAt, paidAt: deliveredAt, deliveredAt,
    },
  });
  if (seed.esim === undefined) return;
  await prisma.esim.create({
    data: {
      id: `esim_${id}`, orderId: `ord_${id}`, userId: BigInt(id), iccid: `8900${id}`, providerOrderId: `up_${id}`, smdpAddress: "rsp.example",
      matchingId: "M", status: seed.esim, destinationCode: "JP", planName: "Japan 1 GB", dataMb: 1024, validityDays: 7,
    },
  });
}

/** Stores plain users with these ids, in chunks (thousands at once). */
export async function seedUsers(prisma: ShopPrisma, ids: number[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 1000) {
    const chunk = ids.slice(start, start + 1000);
    await prisma.user.createMany({ data: chunk.map((id) => ({ id: BigInt(id), firstName: `Traveller ${id}` })) });
  }
}
