/**
 * Who is in a broadcast audience, as one SQL condition on `"User" u`, so that
 * counting an audience and creating its deliveries can never disagree.
 * Travellers who opted out of news or blocked the bot are never in one.
 */
import type { Audience } from "../domain/broadcast.ts";
import { Prisma } from "../generated/sqlite/client.ts";

/** eSIM statuses that count as "has an active eSIM": not expired. */
const LIVE_ESIM_STATUSES = ["issued", "active", "topped_up"] as const;

const DAY_MS = 24 * 60 * 60_000;

/** The condition on the alias `u` of "User" that selects `audience` at `now`. */
export function audienceCondition(audience: Audience, now: Date): Prisma.Sql {
  const reachable = Prisma.sql`u."newsOptOutAt" IS NULL AND u."blockedAt" IS NULL`;
  switch (audience.kind) {
    case "all":
      return reachable;
    case "recent-buyers": {
      const since = new Date(now.getTime() - audience.days * DAY_MS);
      return Prisma.sql`${reachable} AND EXISTS (
        SELECT 1 FROM "Order" o WHERE o."userId" = u."id" AND o."deliveredAt" >= ${since})`;
    }
    case "active-esim":
      return Prisma.sql`${reachable} AND EXISTS (
        SELECT 1 FROM "Esim" e WHERE e."userId" = u."id" AND e."status" IN (${Prisma.join([...LIVE_ESIM_STATUSES])}))`;
  }
}

/**
 * The language to write to a user in from the background: the one chosen with
 * /language, else the one of their latest order, else English.
 */
export const RECIPIENT_LANGUAGE = Prisma.sql`COALESCE(u."languageCode",
  (SELECT o."languageCode" FROM "Order" o WHERE o."userId" = u."id" ORDER BY o."createdAt" DESC LIMIT 1), 'en')`;
