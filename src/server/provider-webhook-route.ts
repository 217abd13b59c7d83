/**
 * POST /webhooks/provider: the upstream's lifecycle events (assumed giapi
 * contract, src/providers/giapi/wire.ts). Order of checks: size (413), then
 * the signature over the timestamp and the raw bytes, then the timestamp's
 * age (401 for either: nothing is parsed or changed), then the shape (400),
 * then the event id (a replayed or repeated event is acknowledged with 200
 * and changes nothing). Unknown event types and unknown eSIMs are
 * acknowledged so the provider does not retry them forever.
 *
 * The answer (200) comes after the reading is recorded in the database with
 * its outbox rows; sending them to Telegram happens after the answer (the
 * `onRecorded` kick). Telegram sends are throttled and may wait out a 429,
 * which could outlast the provider's webhook timeout and make it retry; the
 * outbox is durable, so nothing is lost if the process dies in between.
 */
import { Hono, type Context } from "hono";
import { readBodyUpTo } from "../http/read-body.ts";
import { parseWebhookEvent } from "../providers/giapi/webhook-event.ts";
import {
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookRefusal,
} from "../providers/giapi/webhook-signature.ts";
import type { WireWebhookEvent } from "../providers/giapi/wire.ts";
import type { Logger } from "../services/logger.ts";
import type { EsimHint, HintOutcome } from "../services/provider-events.ts";

/** Webhook bodies are a few hundred bytes; anything near this is not a webhook. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;

/** What the route needs. */
export interface ProviderWebhookDeps {
  /** PROVIDER_WEBHOOK_SECRET. */
  secret: string;
  applyHint(hint: EsimHint): Promise<HintOutcome>;
  /** Marks an event id as handled; false when it already was (a replay). */
  claimEvent(eventId: string): Promise<boolean>;
  /** Forgets a claim whose handling failed, so the provider's retry is handled. */
  releaseEvent(eventId: string): Promise<void>;
  /** Called after a hint was recorded (starts sending the outbox). */
  onRecorded(): void;
  /** The clock the signed timestamps are checked against. */
  now(): Date;
  log: Logger;
}

/** The error each refusal answers with (all 401), and what the log says. */
const REFUSALS: Record<WebhookRefusal, { error: string; log: string }> = {
  missing: { error: "invalid_signature", log: "provider webhook refused: bad signature" },
  invalid: { error: "invalid_signature", log: "provider webhook refused: bad signature" },
  expired: { error: "expired_timestamp", log: "provider webhook refused: signed more than 5 minutes ago (a replay?)" },
  future: { error: "timestamp_in_future", log: "provider webhook refused: signed in the future" },
};

/** The provider webhook route, to mount at the server's root. */
export function providerWebhookRoutes(deps: ProviderWebhookDeps): Hono {
  const routes = new Hono();

  routes.post("/webhooks/provider", async (c) => {
    // Chunked bodies too: the limit counts what arrives, not only Content-Length.
    const raw = await readBodyUpTo(c.req.raw, WEBHOOK_MAX_BODY_BYTES);
    if (raw === "too_large") return c.json({ error: "payload_too_large" }, 413);
    const headers = { timestamp: c.req.header(WEBHOOK_TIMESTAMP_HEADER), signature: c.req.header(WEBHOOK_SIGNATURE_HEADER) };
    const refusal = verifyWebhook(deps.secret, raw, headers, deps.now());
    if (refusal !== null) {
      deps.log.warn({ reason: refusal }, REFUSALS[refusal].log);
      return c.json({ error: REFUSALS[refusal].error }, 401);
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
    return handleEvent(c, deps, parsed.event);
  });

  return routes;
}

/** Applies an authentic event once: a repeated id is acknowledged; a failure lets the provider retry. */
async function handleEvent(c: Context, deps: ProviderWebhookDeps, event: WireWebhookEvent): Promise<Response> {
  // Stryker disable next-line ObjectLiteral: only ever logged
  const about = { eventId: event.id, type: event.type, providerOrderId: event.data.order_id };
  if (!(await deps.claimEvent(event.id))) {
    deps.log.info(about, "provider webhook already handled (a replay or a repeated delivery); ignored");
    return c.json({ status: "duplicate" }, 200);
  }
  let outcome: HintOutcome;
  try {
    outcome = await deps.applyHint({ iccid: event.data.iccid, providerOrderId: event.data.order_id });
  } catch (error) {
    // Usually the provider's API failing: a 5xx makes it retry; polling covers it meanwhile.
    // Stryker disable next-line ArrowFunction: equivalent but for the log line, both swallow a failed release (the id is forgotten after a day anyway)
    await deps.releaseEvent(event.id).catch((releaseError: unknown) => deps.log.error({ err: releaseError }, "could not release a webhook event id"));
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
}
