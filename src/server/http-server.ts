/**
 * The bot's one HTTP server (WEBHOOK_PORT): Telegram's webhook, the
 * provider's webhooks and /healthz today, and whatever else mounts its
 * routes (the operator dashboard). Built from its dependencies (no module
 * state), so tests start it with fakes or with the real services.
 */
import { Hono } from "hono";
import { serveApp, type ServedApp } from "../http/serve-app.ts";
import type { Logger } from "../services/logger.ts";
import type { ReadinessReport } from "../services/readiness.ts";

/** What the server serves. */
export interface HttpAppDeps {
  /** Route groups mounted at the root, e.g. providerWebhookRoutes(…), telegramWebhookRoutes(…). */
  routes: readonly Hono[];
  /** GET /healthz: 200 when ready, else 503, with the report as JSON. */
  readiness: () => Promise<ReadinessReport>;
  log: Logger;
}

/** Options of startHttpServer. */
export interface HttpServerOptions extends HttpAppDeps {
  /** 0 picks a free port. */
  port: number;
  /** Default 0.0.0.0: Telegram and the provider call in from outside (usually through a reverse proxy). */
  host?: string;
}

/** A running HTTP server. */
export type HttpServer = ServedApp;

/** The HTTP app without a socket: /healthz, the mounted routes, JSON 404s and 500s. */
export function createHttpApp(deps: HttpAppDeps): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    const report = await deps.readiness();
    return c.json({ status: report.status, ...report.checks }, report.ready ? 200 : 503);
  });
  for (const routes of deps.routes) app.route("/", routes);
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((error, c) => {
    deps.log.error({ err: error }, "HTTP server failed to handle a request");
    return c.json({ error: "internal_error" }, 500);
  });
  return app;
}

/** Starts the server on `host:port`. */
export function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  return serveApp(createHttpApp(options), { port: options.port, host: options.host ?? "0.0.0.0" });
}
