/**
 * The bot's HTTP server (WEBHOOK_PORT): provider webhooks and /healthz.
 * Built from its dependencies (no module state), so tests start it with
 * fakes or with the real services.
 */
import { Hono } from "hono";
import { serveApp, type ServedApp } from "../http/serve-app.ts";
import type { Logger } from "../services/logger.ts";
import { providerWebhookRoutes, type ProviderWebhookDeps } from "./provider-webhook-route.ts";

/** Options of startWebhookServer. */
export interface WebhookServerOptions extends ProviderWebhookDeps {
  /** 0 picks a free port. */
  port: number;
  /** Default 0.0.0.0: the provider calls in from outside (usually through a reverse proxy). */
  host?: string;
  log: Logger;
}

/** A running webhook server. */
export type WebhookServer = ServedApp;

/** The HTTP app without a socket: POST /webhooks/provider, GET /healthz, JSON 404s and 500s. */
export function createWebhookApp(deps: ProviderWebhookDeps): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.route("/", providerWebhookRoutes(deps));
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((error, c) => {
    deps.log.error({ err: error }, "webhook server failed to handle a request");
    return c.json({ error: "internal_error" }, 500);
  });
  return app;
}

/** Starts the server on `host:port`. */
export function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  return serveApp(createWebhookApp(options), { port: options.port, host: options.host ?? "0.0.0.0" });
}
