/**
 * The bot's HTTP server (WEBHOOK_PORT): provider webhooks and /healthz.
 * Built from its dependencies (no module state), so tests start it with
 * fakes or with the real services.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
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
export interface WebhookServer {
  /** Base URL on this machine, e.g. "http://127.0.0.1:8443". */
  readonly url: string;
  readonly port: number;
  /** Stops listening and waits for requests in flight. Safe to call twice. */
  close(): Promise<void>;
}

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
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const host = options.host ?? "0.0.0.0";
  const app = createWebhookApp(options);
  // overrideGlobalObjects: false keeps the process's global Request/Response untouched.
  const server = createHttpServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  await listen(server, options.port, host);
  const { port } = server.address() as AddressInfo;
  const localHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${localHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
