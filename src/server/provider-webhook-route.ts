/**
 * POST /webhooks/provider: the upstream's lifecycle events (assumed giapi
 * contract, src/providers/giapi/wire.ts). Order of checks: size (413), then
 * the signature over the raw bytes (401: nothing is parsed or changed), then
 * the shape (400). Unknown event types and unknown eSIMs are acknowledged so
 * the provider does not retry them forever.
 *
 * The answer (200) comes after the reading is recorded in the database with
 * its outbox rows; sending them to Telegram happens after the answer (the
 * `onRecorded` kick). Telegram sends are throttled and may wait out a 429,
 * which could outlast the provider's webhook timeout and make it retry; the
 * outbox is durable, so nothing is lost if the process dies in between.
 */
import { Hono } from "hono";
import { readBodyUpTo } from "../http/read-body.ts";
import { parseWebhookEvent } from "../providers/giapi/webhook-event.ts";
import { isValidWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "../providers/giapi/webhook-signature.ts";
import type { Logger } from "../services/logger.ts";
import type { EsimHint, HintOutcome } from "../services/provider-events.ts";

/** Webhook bodies are a few hundred bytes; anything near this is not a webhook. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;

/** What the route needs. */
export interface ProviderWebhookDeps {
  /** PROVIDER_WEBHOOK_SECRET. */
  secret: string;
  applyHint(hint: EsimHint): Promise<HintOutcome>;
  /** Called after a hint was recorded (starts sending the outbox). */
  onRecorded(): void;
  log: Logger;
}

/** The provider webhook route, to mount at the server's root. */
export function providerWebhookRoutes(deps: ProviderWebhookDeps): Hono {
  const routes = new Hono();

  routes.post(
    "/webhooks/provider",
    async (c) => {
      // Chunked bodies too: the limit counts what arrives, not only Content-Length.
      const raw = await readBodyUpTo(c.req.raw, WEBHOOK_MAX_BODY_BYTES);
      if (raw === "too_large") return c.json({ error: "payload_too_large" }, 413);
      if (!isValidWebhookSignature(deps.secret, raw, c.req.header(WEBHOOK_SIGNATURE_HEADER))) {
        const reason = c.req.header(WEBHOOK_SIGNATURE_HEADER) === undefined ? "missing" : "invalid";
        deps.log.warn({ reason }, "provider webhook refused: bad signature");
        return c.json({ error: "invalid_signature" }, 401);
      }

      const parsed = parseWebhookEvent(new TextDecoder().decode(raw));
      if (parsed.kind === "invalid") {
        deps.log.warn({ problem: parsed.problem }, "provider webhook refused: unexpected body");
        return c.json({ error: "invalid_event", problem: parsed.problem }, 400);
      }
      if (parsed.kind === "unknown_type") {
        deps.log.info({ eventId: parsed.id, type: parsed.type }, "provider webhook of an unknown type ignored");
        return c.json({ status: "ignored" }, 200);
      }

      const { event } = parsed;
      const about = { eventId: event.id, type: event.type, providerOrderId: event.data.order_id };
      let outcome: HintOutcome;
      try {
        outcome = await deps.applyHint({ iccid: event.data.iccid, providerOrderId: event.data.order_id });
      } catch (error) {
        // Usually the provider's API failing: a 5xx makes it retry; polling covers it meanwhile.
        deps.log.warn({ ...about, err: error }, "provider webhook could not be applied; the provider will retry");
        return c.json({ error: "temporarily_unavailable" }, 503);
      }
      if (outcome.kind === "unknown_esim") {
        deps.log.info(about, "provider webhook about an eSIM this shop does not know; acknowledged");
        return c.json({ status: "unknown_esim" }, 202);
      }
      deps.log.info({ ...about, esimId: outcome.esimId, notifications: outcome.notifications }, "provider webhook recorded");
      if (outcome.notifications > 0) deps.onRecorded();
      return c.json({ status: "recorded" }, 200);
    },
  );

  return routes;
}
