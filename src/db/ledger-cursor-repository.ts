/**
 * Where reading Telegram's Star ledger has got to, and who reads it: one
 * row, leased by one instance at a time. The lease is taken and renewed with
 * conditional updates naming the owner, so an instance whose lease ran out
 * can no longer move the cursor another instance now holds.
 */
import { isUniqueViolation, type ShopPrisma } from "./prisma-types.ts";

/** The cursor of the Star ledger. */
const STARS = "stars";

/** The ledger cursor in the shop's database. */
export class LedgerCursorRepository {
  constructor(
    private readonly prisma: ShopPrisma,
    private readonly now: () => Date,
  ) {}

  /** Takes the lease for `leaseMs` when it is free; returns the position to read from, or null when another instance holds it. */
  async lease(owner: string, leaseMs: number): Promise<number | null> {
    await this.#ensureRow();
    const now = this.now();
    const taken = await this.prisma.ledgerCursor.updateMany({
      where: { id: STARS, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    if (taken.count === 0) return null;
    const row = await this.prisma.ledgerCursor.findUniqueOrThrow({ where: { id: STARS } });
    return row.position;
  }

  /** Moves the cursor to `position` and renews the lease; false when the lease is no longer ours. */
  async advance(owner: string, position: number, leaseMs: number): Promise<boolean> {
    const moved = await this.prisma.ledgerCursor.updateMany({
      where: { id: STARS, leaseOwner: owner },
      data: { position, leaseUntil: new Date(this.now().getTime() + leaseMs) },
    });
    return moved.count === 1;
  }

  /** Gives the lease up. */
  async release(owner: string): Promise<void> {
    await this.prisma.ledgerCursor.updateMany({ where: { id: STARS, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
  }

  async #ensureRow(): Promise<void> {
    if (await this.prisma.ledgerCursor.findUnique({ where: { id: STARS } })) return;
    try {
      await this.prisma.ledgerCursor.create({ data: { id: STARS } });
    } catch (error) {
      // Another instance created it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
