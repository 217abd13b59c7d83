/**
 * The dashboard on a test database, as the tests and `bench/dashboard.ts`
 * build it: the real reads and services, the real hono app with the bot's
 * translations, and a signed-in session's cookie. The order card and the
 * actions are not wired (those have their own tests); calling them throws.
 */
import { I18n } from "@grammyjs/i18n";
import type { Hono } from "hono";
import { pino } from "pino";
import { LOCALES_DIR } from "../../src/bot/i18n.ts";
import { DashboardBroadcastsReads } from "../../src/db/dashboard-broadcasts-reads.ts";
import { DashboardEsimsReads } from "../../src/db/dashboard-esims-reads.ts";
import { DashboardOrdersReads } from "../../src/db/dashboard-orders-reads.ts";
import { DashboardOverviewReads } from "../../src/db/dashboard-overview-reads.ts";
import { DashboardSessionsRepository } from "../../src/db/dashboard-sessions-repository.ts";
import type { OperatorAccess } from "../../src/services/operator/access.ts";
import { DashboardAuth } from "../../src/services/operator/dashboard-auth.ts";
import { DashboardService } from "../../src/services/operator/dashboard.ts";
import { createDashboardApp } from "../../src/web/dashboard-app.tsx";
import type { DashboardEnv } from "../../src/web/context.ts";
import type { TestDatabase } from "./databases.ts";

/** What DashboardService is built on. */
export type DashboardServiceDeps = ConstructorParameters<typeof DashboardService>[0];

/** The dashboard's services on `database`: real reads, XTR at 77 per USD, 20 % low data, 24 h expiry warning. */
export function dashboardServiceDeps(database: TestDatabase, access: OperatorAccess): DashboardServiceDeps {
  const { prisma, provider } = database.db;
  return {
    access,
    overview: new DashboardOverviewReads(prisma, provider),
    orders: new DashboardOrdersReads(prisma),
    esims: new DashboardEsimsReads(prisma),
    broadcasts: new DashboardBroadcastsReads(prisma),
    lookup: { orderCard: async () => null },
    actions: { retryDelivery: unwired, resendEsim: unwired, refundOrder: unwired, resolveOrder: unwired },
    reconcile: unwired,
    currency: "XTR",
    perUsd: 77,
    lowDataPercent: 20,
    expiryWarningHours: 24,
    now: () => new Date(),
  };
}

/** A dashboard app on `database` and the cookie of `operatorId`'s signed-in session. */
export async function signedInDashboard(
  database: TestDatabase,
  access: OperatorAccess,
  operatorId: number,
): Promise<{ app: Hono<DashboardEnv>; cookie: string; dashboard: DashboardService }> {
  const log = pino({ level: "silent" });
  const auth = new DashboardAuth({ repo: new DashboardSessionsRepository(database.db.prisma), access, sessionMs: 3_600_000, log, now: () => new Date() });
  const i18n = new I18n({ defaultLocale: "en", fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  const dashboard = new DashboardService(dashboardServiceDeps(database, access));
  const app = createDashboardApp({ auth, dashboard, translate: (lang, key, vars) => i18n.t(lang, key, vars), secureCookies: false, trustedOrigins: [] });
  const link = await auth.issueLink(operatorId);
  const signedIn = link && (await auth.signIn(link.token));
  if (!signedIn?.ok) throw new Error(`operator ${operatorId} could not sign in`);
  return { app, cookie: `dash_session=${signedIn.sessionToken}`, dashboard };
}

function unwired(): never {
  throw new Error("not wired in this dashboard (tests of the order card and actions build their own)");
}
