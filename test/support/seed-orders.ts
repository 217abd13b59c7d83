/**
 * Orders written straight into the shop's database with the times a test
 * chooses, for the operator's sales, look-up and actions: the traveller, the
 * order, its payment (Stars unless a currency is given), its fulfilment job
 * and its eSIM, as far as its status implies.
 */
import type { ShopPrisma } from "../../src/db/prisma-types.ts";
import type { OrderStatus } from "../../src/domain/order.ts";

/** What a seeded order has. */
export interface OrderSeed {
  id: string;
  userId: number;
  username?: string;
  status: OrderStatus;
  destinationCode?: string;
  currency?: string;
  amount?: number;
  costUsdCents?: number;
  createdAt: Date;
  paidAt?: Date;
  deliveredAt?: Date;
  refundedAt?: Date;
  /** The fulfilment deadline (paid orders get a pending job). */
  deadlineAt?: Date;
  /** The payment's Telegram charge id (default "ch_<id>"). */
  chargeId?: string;
  /** A delivered order's eSIM ICCID. */
  iccid?: string;
  /** The refund intent of its payment, if any. */
  refund?: "pending" | "done" | "manual" | "failed";
}

/** Stores the order as `seed` says (and its traveller, once). */
export async function seedOrder(prisma: ShopPrisma, seed: OrderSeed): Promise<void> {
  const userId = BigInt(seed.userId);
  await prisma.user.upsert({ where: { id: userId }, update: {}, create: { id: userId, firstName: `Traveller ${seed.userId}`, username: seed.username ?? null } });
  const currency = seed.currency ?? "XTR";
  const amount = seed.amount ?? 500;
  await prisma.order.create({
    data: {
      id: seed.id, userId, chatId: userId, planId: `${seed.destinationCode ?? "JP"}-1gb`, planName: `${seed.destinationCode ?? "JP"} 1 GB · 7 days`,
      destinationCode: seed.destinationCode ?? "JP", dataMb: 1024, validityDays: 7, costUsdCents: seed.costUsdCents ?? 450, currency, amount,
      status: seed.status, languageCode: "en", createdAt: seed.createdAt, paidAt: seed.paidAt ?? null, deliveredAt: seed.deliveredAt ?? null,
      refundedAt: seed.refundedAt ?? null,
    },
  });
  if (!seed.paidAt) return;
  const paymentStatus = seed.status === "refunded" ? "refunded" : seed.status === "needs_operator" && seed.refund ? "needs_operator" : "captured";
  const paymentId = `pay_${seed.id}`;
  const chargeId = seed.chargeId ?? `ch_${seed.id}`;
  await prisma.payment.create({ data: { id: paymentId, telegramChargeId: chargeId, orderId: seed.id, userId, currency, amount, status: paymentStatus, createdAt: seed.paidAt } });
  const jobStatus = seed.status === "paid" ? "pending" : seed.status === "delivered" ? "done" : "failed";
  const deadlineAt = seed.deadlineAt ?? new Date(seed.paidAt.getTime() + 10 * 60_000);
  await prisma.fulfilmentJob.create({ data: { orderId: seed.id, status: jobStatus, runAt: new Date(seed.paidAt.getTime() + 60 * 60_000), deadlineAt } });
  if (seed.refund) {
    await prisma.refund.create({
      data: {
        id: `rfd_${seed.id}`, paymentId, orderId: seed.id, userId, chargeId, currency, amount, reason: "seeded", status: seed.refund,
        nextAttemptAt: seed.paidAt, createdAt: seed.paidAt, doneAt: seed.refund === "done" ? (seed.refundedAt ?? seed.paidAt) : null,
      },
    });
  }
  if (!seed.deliveredAt) return;
  await prisma.esim.create({
    data: {
      id: `esim_${seed.id}`, orderId: seed.id, userId, iccid: seed.iccid ?? `8944${seed.id.replace(/\D/g, "").padStart(15, "0")}`, providerOrderId: `up_${seed.id}`,
      smdpAddress: "rsp.example", matchingId: "M-1", status: "issued", destinationCode: seed.destinationCode ?? "JP", planName: "JP 1 GB", dataMb: 1024,
      validityDays: 7, createdAt: seed.deliveredAt,
    },
  });
}
