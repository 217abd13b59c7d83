/**
 * Signing operators in to the web dashboard without passwords: `/dashboard`
 * in the bot (or the line printed at start) gives a one-time link valid for
 * 10 minutes; using it opens a session whose token lives in an HttpOnly
 * cookie. Tokens are 256-bit random values; the database keeps only their
 * SHA-256, so a copy of it signs nobody in. Every request re-checks
 * ADMIN_IDS: a session of someone removed from it opens nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { DashboardSessionsRepository } from "../../db/dashboard-sessions-repository.ts";
import { newId } from "../../domain/ids.ts";
import type { Logger } from "../logger.ts";
import type { OperatorAccess } from "./access.ts";

/** How long a sign-in link works. */
export const SIGN_IN_LINK_MS = 10 * 60_000;

/** A session the browser proved it holds. */
export interface DashboardSession {
  id: string;
  operatorId: number;
  /** Sent back by every state-changing request (a form field or a header). */
  csrfToken: string;
}

/** Why a request is not let in. */
export type SessionRefusal = "no-session" | "expired" | "revoked" | "not-operator";

/** What using a link did. */
export type SignInResult =
  | { ok: true; sessionToken: string; session: DashboardSession; expiresAt: Date }
  | { ok: false; reason: "unknown" | "expired" | "used" | "not-operator" };

/** Dashboard sign-in and sessions. */
export class DashboardAuth {
  constructor(
    private readonly deps: {
      repo: DashboardSessionsRepository;
      access: OperatorAccess;
      sessionMs: number;
      log: Logger;
      now: () => Date;
    },
  ) {}

  /** A new one-time link token for an operator; null for anyone else. */
  async issueLink(operatorId: number): Promise<{ token: string; expiresAt: Date } | null> {
    if (!this.deps.access.isOperator(operatorId)) return null;
    const token = newToken();
    const createdAt = this.deps.now();
    const expiresAt = new Date(createdAt.getTime() + SIGN_IN_LINK_MS);
    await this.deps.repo.addSignIn({ tokenHash: hashToken(token), operatorId, createdAt, expiresAt });
    this.deps.log.info({ operatorId, expiresAt }, "dashboard sign-in link issued");
    return { token, expiresAt };
  }

  /** Uses a link: once, within its 10 minutes, by someone still in ADMIN_IDS. */
  async signIn(linkToken: string): Promise<SignInResult> {
    const now = this.deps.now();
    const outcome = await this.deps.repo.redeemSignIn(hashToken(linkToken), now);
    if (outcome.kind !== "redeemed") {
      this.deps.log.warn({ reason: outcome.kind }, "dashboard sign-in refused");
      return { ok: false, reason: outcome.kind };
    }
    const { operatorId } = outcome;
    if (!this.deps.access.isOperator(operatorId)) {
      this.deps.log.warn({ operatorId, reason: "not-operator" }, "dashboard sign-in refused");
      return { ok: false, reason: "not-operator" };
    }
    const sessionToken = newToken();
    // Stryker disable next-line StringLiteral: the id's prefix only tells people reading the table what kind of id it is; nothing parses it.
    const session = { id: newId("dsh"), operatorId, csrfToken: newToken() };
    const expiresAt = new Date(now.getTime() + this.deps.sessionMs);
    await this.deps.repo.addSession({ ...session, tokenHash: hashToken(sessionToken), createdAt: now, expiresAt });
    this.deps.log.info({ operatorId, session: session.id }, "dashboard session opened");
    return { ok: true, sessionToken, session, expiresAt };
  }

  /** The session a cookie's token opens, or why it opens none (ADMIN_IDS is checked now). */
  async authenticate(sessionToken: string | undefined): Promise<{ ok: true; session: DashboardSession } | { ok: false; reason: SessionRefusal }> {
    if (!sessionToken) return { ok: false, reason: "no-session" };
    const stored = await this.deps.repo.findSession(hashToken(sessionToken));
    if (!stored) return { ok: false, reason: "no-session" };
    if (stored.revokedAt !== null) return { ok: false, reason: "revoked" };
    if (stored.expiresAt <= this.deps.now()) return { ok: false, reason: "expired" };
    if (!this.deps.access.isOperator(stored.operatorId)) return { ok: false, reason: "not-operator" };
    return { ok: true, session: { id: stored.id, operatorId: stored.operatorId, csrfToken: stored.csrfToken } };
  }

  /** Whether a request's CSRF token is the session's (constant time). */
  checkCsrf(session: DashboardSession, sent: string | undefined): boolean {
    if (!sent) return false;
    const a = Buffer.from(sent);
    const b = Buffer.from(session.csrfToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Signs one browser out. */
  async signOut(session: DashboardSession): Promise<void> {
    await this.deps.repo.revokeSession(session.id, this.deps.now());
    this.deps.log.info({ operatorId: session.operatorId, session: session.id }, "dashboard session closed");
  }

  /** `/dashboard logout`: ends every session of the operator; returns how many; null for a non-operator. */
  async signOutEverywhere(operatorId: number): Promise<number | null> {
    if (!this.deps.access.isOperator(operatorId)) return null;
    const revoked = await this.deps.repo.revokeOperator(operatorId, this.deps.now());
    this.deps.log.info({ operatorId, revoked }, "dashboard sessions revoked");
    return revoked;
  }

  /** Forgets links and sessions that ended a day ago or more. */
  prune(): Promise<number> {
    return this.deps.repo.prune(new Date(this.deps.now().getTime() - 86_400_000));
  }
}

/** 32 random bytes, URL-safe. */
function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
