/**
 * The dashboard's server time over 100,000 seeded orders, on SQLite and on
 * PostgreSQL: the overview (7, 30 and 90 days) and the orders page (first
 * page, filtered, sorted by price, a deep page, one user), each request
 * served by the real dashboard app (hono, session check, queries, rendering)
 * in this process, timed from request to the last byte of the answer.
 * Prints p50 and p95 per page and, as the reference measured in the same
 * run, the sign-in page (no queries); target: p95 < 100 ms.
 *
 * The overview keeps its figures per day and recomputes the days whose
 * orders changed: before each overview request one of today's orders is
 * written (a busy shop), so each request recomputes today; "cold" is the
 * first request of a process (every day of the period computed).
 *
 * Run: npm run bench:dashboard [-- --orders 100000 --runs 40 --db both]
 */
import { I18n } from "@grammyjs/i18n";
import { pino } from "pino";
import { LOCALES_DIR } from "../src/bot/i18n.ts";
import { DashboardBroadcastsReads } from "../src/db/dashboard-broadcasts-reads.ts";
import { DashboardEsimsReads } from "../src/db/dashboard-esims-reads.ts";
import { DashboardOrdersReads } from "../src/db/dashboard-orders-reads.ts";
import { DashboardOverviewReads } from "../src/db/dashboard-overview-reads.ts";
import { DashboardSessionsRepository } from "../src/db/dashboard-sessions-repository.ts";
import { OperatorAccess } from "../src/services/operator/access.ts";
import { DashboardAuth } from "../src/services/operator/dashboard-auth.ts";
import { DashboardService } from "../src/services/operator/dashboard.ts";
import { createDashboardApp } from "../src/web/dashboard-app.tsx";
import { createTestDatabase, type TestDatabase } from "../test/support/databases.ts";
import { seedBulkOrders } from "../test/support/dashboard-seed.ts";
import { describeConditions, formatLoad } from "./support/conditions.ts";

const args = new Map(process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith("--") ? [[arg.slice(2), all[i + 1] ?? ""]] : [])));
const ORDERS = Number(args.get("orders") ?? 100_000);
const RUNS = Number(args.get("runs") ?? 40);
const KINDS = (args.get("db") ?? "both") === "both" ? (["sqlite", "postgresql"] as const) : ([args.get("db")] as Array<"sqlite" | "postgresql">);
const OPERATOR = 1;

const PAGES: Array<[string, string]> = [
  ["reference: sign-in page (no queries)", "/dashboard/sign-in?token=x"],
  ["overview, 7 days", "/dashboard?days=7"],
  ["overview, 30 days", "/dashboard?days=30"],
  ["overview, 90 days", "/dashboard?days=90"],
  ["overview, 90 days, cold (new process)", "/dashboard?days=90"],
  ["orders, first page", "/dashboard/orders"],
  ["orders, delivered to JP", "/dashboard/orders?status=delivered&destination=JP"],
  ["orders, by price", "/dashboard/orders?sort=amount&dir=desc"],
  ["orders, page 1000", "/dashboard/orders?page=1000"],
  ["orders, one user, a month", "/dashboard/orders?user=10042&from=2000-01-01"],
];

/** The dashboard app on a database, and a signed-in session's cookie. */
async function dashboardOn(database: TestDatabase) {
  const { prisma, provider } = database.db;
  const access = OperatorAccess.of([OPERATOR]);
  const log = pino({ level: "silent" });
  const auth = new DashboardAuth({ repo: new DashboardSessionsRepository(prisma), access, sessionMs: 3_600_000, log, now: () => new Date() });
  const i18n = new I18n({ defaultLocale: "en", fluentBundleOptions: { useIsolating: false } });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  const unused = (): never => {
    throw new Error("not benchmarked");
  };
  const dashboard = new DashboardService({
    access,
    overview: new DashboardOverviewReads(prisma, provider),
    orders: new DashboardOrdersReads(prisma),
    esims: new DashboardEsimsReads(prisma),
    broadcasts: new DashboardBroadcastsReads(prisma),
    lookup: { orderCard: unused },
    actions: { retryDelivery: unused, resendEsim: unused, refundOrder: unused, resolveOrder: unused },
    reconcile: unused,
    currency: "XTR",
    perUsd: 77,
    lowDataPercent: 20,
    expiryWarningHours: 24,
    now: () => new Date(),
  });
  const app = createDashboardApp({ auth, dashboard, translate: (lang, key, vars) => i18n.t(lang, key, vars), secureCookies: false, trustedOrigins: [] });
  const signedIn = await auth.signIn((await auth.issueLink(OPERATOR))!.token);
  if (!signedIn.ok) throw new Error("could not sign in");
  return { app, cookie: `dash_session=${signedIn.sessionToken}` };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(kind: "sqlite" | "postgresql"): Promise<string[]> {
  const database = await createTestDatabase(kind);
  try {
    const seeding = performance.now();
    await seedBulkOrders(database.db.prisma, new Date(), ORDERS);
    const seeded = ((performance.now() - seeding) / 1000).toFixed(1);
    if (kind === "postgresql") await database.db.prisma.$executeRawUnsafe('ANALYZE "Order"');
    let { app, cookie } = await dashboardOn(database);
    const prisma = database.db.prisma;
    const lines = [`${kind}: ${ORDERS.toLocaleString("en")} orders (seeded in ${seeded} s), ${RUNS} requests per page after 3 warm-ups (cold: 8, no warm-up)`];
    let reference = 0;
    for (const [name, path] of PAGES) {
      const times: number[] = [];
      const cold = name.includes("cold");
      const runs = cold ? Math.min(RUNS, 8) : RUNS + 3;
      for (let run = 0; run < runs; run++) {
        if (cold) ({ app, cookie } = await dashboardOn(database));
        // Today's order ord_b0000000 (paid now) is written: the overview must look at today again.
        if (path.startsWith("/dashboard?")) await prisma.order.update({ where: { id: "ord_b0000000" }, data: { languageCode: "en" } });
        const started = performance.now();
        const response = await app.request(`http://127.0.0.1${path}`, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
        if (cold || run >= 3) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      if (reference === 0) reference = p95;
      const verdict = name.startsWith("reference") ? "" : p95 < 100 ? "  ✓ < 100 ms" : "  ✗ ≥ 100 ms";
      lines.push(`  ${name.padEnd(40)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  (${(p95 / reference).toFixed(1)}× reference)${verdict}`);
    }
    return lines;
  } finally {
    await database.drop();
  }
}

console.log("bench:dashboard — server time of dashboard pages (in-process requests through the real app)");
for (const line of await describeConditions()) console.log(line);
for (const kind of KINDS) for (const line of await measure(kind)) console.log(line);
console.log(`loadavg at end ${formatLoad()}`);
