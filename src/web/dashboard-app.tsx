/**
 * The operator's web dashboard as one Hono app under /dashboard: sign-in,
 * the pages behind the session guard, and the static assets. Built from its
 * dependencies (no module state), so tests and the bench serve it with real
 * services on any database.
 */
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { OVERVIEW_PERIODS, type OverviewPeriod } from "../services/operator/dashboard-overview.ts";
import type { DashboardAuth } from "../services/operator/dashboard-auth.ts";
import type { DashboardService } from "../services/operator/dashboard.ts";
import type { DashboardEsimsFilter } from "./esims-filter.ts";
import { parseEsimFilter } from "./esims-filter.ts";
import { loadAssets } from "./assets.ts";
import type { DashboardEnv } from "./context.ts";
import { pickLanguage } from "./language.ts";
import { page, refused } from "./respond.tsx";
import { mountOrderRoutes } from "./order-routes.tsx";
import { BroadcastsPage } from "./pages/broadcasts.tsx";
import { EsimsPage } from "./pages/esims.tsx";
import { firstPage, OrdersPage } from "./pages/orders.tsx";
import { OverviewPage } from "./pages/overview.tsx";
import { ReconciliationPage } from "./pages/reconciliation.tsx";
import { ordersCsvStream } from "./orders-csv.ts";
import { ordersQueryString, parseOrdersParams } from "./orders-params.ts";
import { sessionGuard } from "./session-guard.tsx";
import { mountSignIn } from "./sign-in.tsx";

/** What the dashboard is built on. */
export interface DashboardDeps {
  auth: DashboardAuth;
  dashboard: DashboardService;
  /** A dashboard message in a language (the bot's Fluent files, locales/<lang>/dashboard.ftl). */
  translate: (lang: string, key: string, variables?: Record<string, string | number>) => string;
  /** Cookies get Secure when operators open the dashboard over https. */
  secureCookies: boolean;
  /** Origins allowed to POST besides the request's own (the public URL behind a proxy). */
  trustedOrigins: readonly string[];
}

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

/** The dashboard app; mount it at the root of a server (its routes start with /dashboard). */
export function createDashboardApp(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  const assets = loadAssets();
  app.use("/dashboard/*", async (c, next) => {
    const lang = pickLanguage(c, deps.secureCookies);
    c.set("lang", lang);
    c.set("t", (key, variables) => deps.translate(lang, key, variables));
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(name)) c.header(name, value);
  });
  // Origin / Sec-Fetch-Site check (hono's) before the session's own CSRF token is checked.
  app.use("/dashboard/*", csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || deps.trustedOrigins.includes(origin) }));
  app.get("/dashboard/assets/:name", (c) => {
    const asset = assets.get(c.req.param("name"));
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { "Content-Type": asset.type, "Cache-Control": "private, max-age=3600" });
  });
  mountSignIn(app, deps);
  const guard = sessionGuard(deps.auth);
  // "/dashboard/orders/*" also matches "/dashboard/orders".
  for (const path of ["/dashboard", "/dashboard/orders/*", "/dashboard/orders.csv", "/dashboard/esims", "/dashboard/reconciliation", "/dashboard/broadcasts"]) {
    app.use(path, guard);
  }
  mountPages(app, deps.dashboard);
  mountOrderRoutes(app, deps.dashboard);
  return app;
}

function mountPages(app: Hono<DashboardEnv>, dashboard: DashboardService): void {
  app.get("/dashboard", async (c) => {
    const asked = Number(c.req.query("days"));
    const days: OverviewPeriod = OVERVIEW_PERIODS.find((period) => period === asked) ?? 30;
    const overview = await dashboard.overview(c.var.session.operatorId, days);
    if (!overview) return refused(c);
    return page(c, c.var.t("dash-nav-overview"), <OverviewPage overview={overview} t={c.var.t} lang={c.var.lang} />);
  });
  app.get("/dashboard/orders", async (c) => {
    const params = parseOrdersParams((name) => c.req.query(name));
    const { t } = c.var;
    if (params.badCursor) {
      const first = `/dashboard/orders?${ordersQueryString(firstPage(params))}`;
      return page(c, t("dash-bad-page-link-title"), <p id="bad-page-link">{t("dash-bad-page-link")} <a href={first}>{t("dash-first-page")}</a></p>, 400);
    }
    const operator = c.var.session.operatorId;
    const [result, choices] = await Promise.all([dashboard.orders(operator, params), dashboard.orderChoices(operator)]);
    if (!result || !choices) return refused(c);
    return page(c, c.var.t("dash-nav-orders"), <OrdersPage page={result} params={params} choices={choices} t={c.var.t} lang={c.var.lang} />);
  });
  app.get("/dashboard/orders.csv", (c) => {
    const params = parseOrdersParams((name) => c.req.query(name));
    const batches = dashboard.exportOrders(c.var.session.operatorId, params.filter);
    if (!batches) return refused(c);
    const name = `orders-${new Date().toISOString().slice(0, 10)}.csv`;
    return c.body(ordersCsvStream(batches), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` });
  });
  app.get("/dashboard/esims", async (c) => {
    const filter: DashboardEsimsFilter = parseEsimFilter(c.req.query("filter"));
    const result = await dashboard.esims(c.var.session.operatorId, filter, Number(c.req.query("page") ?? 1) || 1);
    if (!result) return refused(c);
    return page(c, c.var.t("dash-nav-esims"), <EsimsPage page={result} filter={filter} lowDataPercent={dashboard.lowDataPercent} t={c.var.t} lang={c.var.lang} />);
  });
  app.get("/dashboard/reconciliation", async (c) => {
    const days = [1, 7, 30].find((d) => d === Number(c.req.query("days"))) ?? 7;
    const report = await dashboard.reconciliation(c.var.session.operatorId, days);
    if (!report) return refused(c);
    return page(c, c.var.t("dash-nav-reconciliation"), <ReconciliationPage report={report} days={days} t={c.var.t} lang={c.var.lang} />);
  });
  app.get("/dashboard/broadcasts", async (c) => {
    const broadcasts = await dashboard.broadcasts(c.var.session.operatorId);
    if (!broadcasts) return refused(c);
    return page(c, c.var.t("dash-nav-broadcasts"), <BroadcastsPage broadcasts={broadcasts} t={c.var.t} lang={c.var.lang} />);
  });
}
