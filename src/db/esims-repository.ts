/** eSIMs delivered to users. */
import type { Esim } from "../domain/order.ts";
import { newId } from "../domain/ids.ts";
import type { ProviderOrder } from "../providers/port.ts";
import type { ShopPrisma } from "./prisma-types.ts";

type EsimRow = Awaited<ReturnType<ShopPrisma["esim"]["findUniqueOrThrow"]>>;

/** eSIMs in the shop's database. */
export class EsimsRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** The eSIM bought with an order, or null while it is not ordered upstream yet. */
  async findByOrder(orderId: string): Promise<Esim | null> {
    const row = await this.prisma.esim.findUnique({ where: { orderId } });
    return row ? toEsim(row) : null;
  }

  /** The eSIM with this id, or null. */
  async find(id: string): Promise<Esim | null> {
    const row = await this.prisma.esim.findUnique({ where: { id } });
    return row ? toEsim(row) : null;
  }

  /** One page of a user's eSIMs, newest first, and how many they have in all. */
  async pageForUser(userId: number, page: { skip: number; take: number }): Promise<{ esims: Esim[]; total: number }> {
    const where = { userId: BigInt(userId) };
    const [rows, total] = await Promise.all([
      this.prisma.esim.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.skip, take: page.take }),
      this.countForUser(userId),
    ]);
    return { esims: rows.map(toEsim), total };
  }

  /** How many eSIMs a user has. */
  countForUser(userId: number): Promise<number> {
    return this.prisma.esim.count({ where: { userId: BigInt(userId) } });
  }

  /** The eSIM with this ICCID (unique, indexed), e.g. the subject of a provider webhook. */
  async findByIccid(iccid: string): Promise<Esim | null> {
    const row = await this.prisma.esim.findUnique({ where: { iccid } });
    return row ? toEsim(row) : null;
  }

  /** Stores the eSIM the provider issued for an order (once: orderId is unique). */
  async createFromProvider(
    order: { id: string; userId: number; destinationCode: string; planName: string },
    issued: ProviderOrder,
  ): Promise<Esim> {
    const row = await this.prisma.esim.upsert({
      where: { orderId: order.id },
      update: {},
      create: {
        id: newId("esim"),
        orderId: order.id,
        userId: BigInt(order.userId),
        iccid: issued.iccid,
        providerOrderId: issued.providerOrderId,
        smdpAddress: issued.smdpAddress,
        matchingId: issued.matchingId,
        status: issued.status,
        destinationCode: order.destinationCode,
        planName: order.planName,
        dataMb: issued.dataMb,
        validityDays: issued.validityDays,
      },
    });
    return toEsim(row);
  }
}

/** An Esim row as the domain's Esim. */
export function toEsim(row: EsimRow): Esim {
  return {
    id: row.id,
    orderId: row.orderId,
    userId: Number(row.userId),
    iccid: row.iccid,
    providerOrderId: row.providerOrderId,
    smdpAddress: row.smdpAddress,
    matchingId: row.matchingId,
    status: row.status as Esim["status"],
    destinationCode: row.destinationCode,
    planName: row.planName,
    dataMb: row.dataMb,
    usedMb: row.usedMb,
    validityDays: row.validityDays,
    activatedAt: row.activatedAt,
    expiresAt: row.expiresAt,
    lastPolledAt: row.lastPolledAt,
    createdAt: row.createdAt,
  };
}
