/**
 * Dashboard sign-in links and sessions in the database. Only SHA-256 hashes
 * of their tokens are stored (a leaked database row signs nobody in); the
 * service hashes, this file stores and looks up.
 */
import type { ShopPrisma } from "./prisma-types.ts";

/** A stored session, found by its token's hash. */
export interface StoredSession {
  id: string;
  operatorId: number;
  csrfToken: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** What redeeming a link found. */
export type RedeemOutcome = { kind: "redeemed"; operatorId: number } | { kind: "unknown" | "expired" | "used" };

/** Sign-in links and sessions. */
export class DashboardSessionsRepository {
  constructor(private readonly prisma: ShopPrisma) {}

  /** Stores a sign-in link's hash. */
  async addSignIn(link: { tokenHash: string; operatorId: number; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.prisma.dashboardSignIn.create({ data: { ...link, operatorId: BigInt(link.operatorId) } });
  }

  /**
   * Uses a link once: one conditional update marks it used while it is
   * unused and not expired, so two tabs (or a replay) racing on one link
   * sign in once. The losers learn why.
   */
  async redeemSignIn(tokenHash: string, now: Date): Promise<RedeemOutcome> {
    const { count } = await this.prisma.dashboardSignIn.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const row = await this.prisma.dashboardSignIn.findUnique({ where: { tokenHash } });
    if (!row) return { kind: "unknown" };
    if (count === 1) return { kind: "redeemed", operatorId: Number(row.operatorId) };
    return { kind: row.usedAt !== null ? "used" : "expired" };
  }

  /** Stores a new session. */
  async addSession(session: { id: string; tokenHash: string; operatorId: number; csrfToken: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.prisma.dashboardSession.create({ data: { ...session, operatorId: BigInt(session.operatorId) } });
  }

  /** The session whose token has this hash, or null. */
  async findSession(tokenHash: string): Promise<StoredSession | null> {
    const row = await this.prisma.dashboardSession.findUnique({ where: { tokenHash } });
    return row && { id: row.id, operatorId: Number(row.operatorId), csrfToken: row.csrfToken, expiresAt: row.expiresAt, revokedAt: row.revokedAt };
  }

  /** Revokes one session; returns whether it was live. */
  async revokeSession(id: string, now: Date): Promise<boolean> {
    const { count } = await this.prisma.dashboardSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    return count === 1;
  }

  /** Revokes every live session of an operator; returns how many. */
  async revokeOperator(operatorId: number, now: Date): Promise<number> {
    const { count } = await this.prisma.dashboardSession.updateMany({
      where: { operatorId: BigInt(operatorId), revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    return count;
  }

  /** Deletes links and sessions that ended before `before`; returns how many rows went. */
  async prune(before: Date): Promise<number> {
    const links = await this.prisma.dashboardSignIn.deleteMany({ where: { expiresAt: { lt: before } } });
    const sessions = await this.prisma.dashboardSession.deleteMany({ where: { expiresAt: { lt: before } } });
    return links.count + sessions.count;
  }
}
