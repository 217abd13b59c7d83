/**
 * The bot's one HTTP server as a background part (WEBHOOK_PORT): /healthz
 * with the instance's readiness, the provider's webhooks when
 * PROVIDER_WEBHOOK_SECRET is set, Telegram's webhook in webhook mode — and
 * the registration of the provider webhook once it listens.
 */
import type { Hono } from "hono";
import { ConfigError, type Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { EsimProvider } from "../providers/port.ts";
import { startHttpServer, type HttpServer } from "../server/http-server.ts";
import { providerWebhookRoutes } from "../server/provider-webhook-route.ts";
import { registerProviderWebhook } from "../server/webhook-registration.ts";
import type { CatalogService } from "../services/catalog.ts";
import type { Logger } from "../services/logger.ts";
import { Readiness } from "../services/readiness.ts";
import type { Part } from "./parts.ts";
import type { Services } from "./services.ts";

/** The instance's readiness: the database answers a query, the provider answers for a plan of the catalog. */
export function buildReadiness(db: Database, provider: EsimProvider, catalog: CatalogService, now: () => Date): Readiness {
  return new Readiness({
    checks: {
      database: () => db.prisma.$queryRaw`SELECT 1`,
      provider: async () => {
        const plan = catalog.destinations().flatMap((destination) => catalog.plansFor(destination).slice(0, 1))[0];
        if (!plan) throw new Error("no catalog loaded yet");
        await provider.getPlan(plan.id);
      },
    },
    now,
  });
}

/** The provider webhook route on the services (POST /webhooks/provider). */
export function providerRoutes(services: Services, secret: string, log: Logger, now: () => Date): Hono {
  return providerWebhookRoutes({
    secret,
    applyHint: (hint) => services.providerEvents.applyHint(hint),
    claimEvent: (eventId) => services.webhookEventIds.claim(eventId),
    releaseEvent: (eventId) => services.webhookEventIds.release(eventId),
    onRecorded: () => services.sendNotificationsSoon.kick(),
    now,
    log,
  });
}

/** The server part; `url` is its local base URL once it listens. */
export function httpServerPart(port: number, routes: readonly Hono[], readiness: Readiness, log: Logger): Part & { readonly url: string | undefined } {
  let server: HttpServer | undefined;
  return {
    name: "http server",
    async start() {
      server = await startHttpServer({ port, routes, readiness: () => readiness.report(), log }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
          throw new ConfigError([`WEBHOOK_PORT ${port} is already in use by another process`]);
        }
        throw error;
      });
      log.info({ port: server.port }, "HTTP server listening");
    },
    stop: () => server?.close(),
    get url() {
      return server?.url;
    },
  };
}

/** Tells the provider where to post (never fails the start: polling watches every eSIM anyway). */
export function webhookRegistrationPart(
  inputs: { provider: EsimProvider; config: Config; log: Logger },
  webhooks: NonNullable<Config["webhooks"]>,
  server: { readonly url: string | undefined },
): Part {
  return {
    name: "webhook registration",
    async start() {
      if (server.url === undefined) throw new Error("the HTTP server is not listening");
      await registerProviderWebhook({
        provider: inputs.provider,
        providerKind: inputs.config.provider.kind,
        publicUrl: webhooks.publicUrl,
        localUrl: server.url,
        secret: webhooks.secret,
        log: inputs.log.child({ part: "webhooks" }),
      });
    },
    stop: () => undefined,
  };
}
