/**
 * The operator's web dashboard in the app: its services, the links the bot
 * hands out (`/dashboard`), and its server as a part. It listens on its own
 * server (DASHBOARD_HOST:DASHBOARD_PORT, loopback by default), or — when
 * DASHBOARD_PORT is the one HTTP server's port — on that server. A port
 * taken by another process is logged and the bot runs without its dashboard
 * (several instances on one machine: one serves it).
 */
import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Hono } from "hono";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { DashboardBroadcastsReads } from "../db/dashboard-broadcasts-reads.ts";
import { DashboardEsimsReads } from "../db/dashboard-esims-reads.ts";
import { DashboardOrdersReads } from "../db/dashboard-orders-reads.ts";
import { DashboardOverviewReads } from "../db/dashboard-overview-reads.ts";
import { DashboardSessionsRepository } from "../db/dashboard-sessions-repository.ts";
import { ReconcileReads } from "../db/reconcile-reads.ts";
import { serveApp, type ServedApp } from "../http/serve-app.ts";
import type { EsimProvider } from "../providers/port.ts";
import type { Logger } from "../services/logger.ts";
import { DashboardAuth } from "../services/operator/dashboard-auth.ts";
import { DashboardService } from "../services/operator/dashboard.ts";
import { buildReconcileReport } from "../services/reconcile-report.ts";
import { createDashboardApp } from "../web/dashboard-app.tsx";
import type { DashboardLinks } from "../bot/features/admin/dashboard-command.ts";
import type { Part } from "./parts.ts";
import type { Services } from "./services.ts";
import type { TelegramPorts } from "./telegram-ports.ts";

/** What the dashboard is built on. */
export interface DashboardInputs {
  config: Config;
  db: Database;
  services: Services;
  provider: EsimProvider;
  telegram: TelegramPorts;
  i18n: I18n<Context>;
  log: Logger;
  now: () => Date;
  /** Where the start-up sign-in link is printed (the console, not the log: the link is a secret). */
  announce: (line: string) => void;
}

/** The built dashboard. */
export interface BuiltDashboard {
  links: DashboardLinks;
  /** Its own server (empty when off or on the one HTTP server). */
  parts: Part[];
  /** Routes for the one HTTP server when it shares its port. */
  sharedRoutes: Hono[];
  /** Tells the dashboard the one server's URL once it listens (shared mode). */
  useSharedServer(url: () => string | undefined): void;
  /** The dashboard's base URL on this machine once it listens. */
  readonly url: string | undefined;
}

/** Builds the dashboard (nothing listens yet). */
export function buildDashboard(inputs: DashboardInputs): BuiltDashboard {
  const { config, db, services, now } = inputs;
  const settings = config.dashboard;
  const log = inputs.log.child({ part: "dashboard" });
  const auth = new DashboardAuth({ repo: new DashboardSessionsRepository(db.prisma), access: services.operator.access, sessionMs: settings?.sessionMs ?? 0, log, now });
  let localUrl: () => string | undefined = () => undefined;
  const baseUrl = () => settings?.publicUrl ?? localUrl();
  const links: DashboardLinks = {
    async signInUrl(operatorId) {
      const base = baseUrl();
      if (!settings || base === undefined) return "off";
      const link = await auth.issueLink(operatorId);
      return link && `${base}/dashboard/sign-in?token=${link.token}`;
    },
    signOutEverywhere: (operatorId) => auth.signOutEverywhere(operatorId),
  };
  if (!settings) return { links, parts: [], sharedRoutes: [], useSharedServer: () => undefined, url: undefined };

  const dashboard = dashboardService(inputs);
  const warmUp = overviewWarmUp(dashboard, log);
  const app = createDashboardApp({
    auth,
    dashboard,
    translate: (lang, key, variables) => inputs.i18n.t(lang, key, variables),
    secureCookies: settings.publicUrl?.startsWith("https:") ?? false,
    trustedOrigins: settings.publicUrl ? [new URL(settings.publicUrl).origin] : [],
  });
  const shared = config.httpPort !== undefined && config.httpPort !== 0 && config.httpPort === settings.port;
  const announceLink = async () => {
    const first = config.adminIds[0];
    const url = first === undefined ? null : await links.signInUrl(first);
    if (typeof url === "string" && url !== "off") inputs.announce(`Dashboard: ${baseUrl()}/dashboard — sign in as operator ${first} within 10 minutes: ${url}`);
    await auth.prune();
  };
  if (shared) {
    return {
      links,
      parts: [{ name: "dashboard sign-in link", start: () => (warmUp.start(), announceLink()), stop: warmUp.stop }],
      sharedRoutes: [app as unknown as Hono],
      useSharedServer: (url) => void (localUrl = url),
      get url() {
        return localUrl();
      },
    };
  }
  let server: ServedApp | undefined;
  localUrl = () => server?.url;
  const part: Part = {
    name: "dashboard",
    async start() {
      server = await serveApp(app as unknown as Hono, { port: settings.port, host: settings.host }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
        log.warn({ port: settings.port }, `DASHBOARD_PORT ${settings.port} is in use by another process: this instance runs without its dashboard`);
        return undefined;
      });
      if (!server) return;
      log.info({ url: `${server.url}/dashboard` }, "dashboard listening");
      warmUp.start();
      await announceLink();
    },
    stop: () => (warmUp.stop(), server?.close()),
  };
  return { links, parts: [part], sharedRoutes: [], useSharedServer: () => undefined, get url() { return server?.url; } };
}

/**
 * The overview's figures computed in the background at start, so the first
 * overview an operator opens is served from them: start-up and /healthz do
 * not wait for it, and a failure is logged and leaves the work to the first
 * overview (as without a warm-up). One that fails because the app is
 * stopping is not reported.
 */
function overviewWarmUp(dashboard: DashboardService, log: Logger): { start(): void; stop(): void } {
  let stopped = false;
  return {
    start() {
      const started = performance.now();
      dashboard.warmUp().then(
        () => log.info({ ms: Math.round(performance.now() - started) }, "dashboard overview figures computed ahead"),
        (error: unknown) => stopped || log.warn({ err: error }, "could not compute the dashboard overview ahead; the first overview will compute it"),
      );
    },
    stop: () => void (stopped = true),
  };
}

function dashboardService(inputs: DashboardInputs): DashboardService {
  const { config, db, services, now } = inputs;
  return new DashboardService({
    access: services.operator.access,
    overview: new DashboardOverviewReads(db.prisma, db.provider),
    orders: new DashboardOrdersReads(db.prisma),
    esims: new DashboardEsimsReads(db.prisma),
    broadcasts: new DashboardBroadcastsReads(db.prisma),
    lookup: services.operator.lookup,
    actions: services.operator.actions,
    reconcile: (days) => buildReconcileReport({ reads: new ReconcileReads(db.prisma), ledger: inputs.telegram.starLedger, provider: inputs.provider }, now(), days),
    currency: config.payments.currency,
    perUsd: config.payments.perUsd,
    lowDataPercent: config.lifecycle.lowDataPercent,
    expiryWarningHours: config.lifecycle.expiryWarningHours,
    now,
  });
}
