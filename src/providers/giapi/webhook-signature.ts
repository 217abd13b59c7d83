/**
 * The (assumed, see ./wire.ts) signature of the generic API's webhooks, in
 * the style of Stripe's: the time of sending is signed with the body, so a
 * captured delivery cannot be replayed later.
 *
 *   X-Webhook-Timestamp: <unix time in seconds>
 *   X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * The sandbox signs with it and the bot's webhook server verifies with it: a
 * delivery is accepted when its signature is right and its timestamp is at
 * most 5 minutes old and at most 30 seconds ahead of our clock.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The request header that carries the signature. */
export const WEBHOOK_SIGNATURE_HEADER = "X-Webhook-Signature";
/** The request header that carries the signed time of sending. */
export const WEBHOOK_TIMESTAMP_HEADER = "X-Webhook-Timestamp";

/** Deliveries older than this are refused: a provider signs each attempt (retries too) when it sends it. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;
/** How far a sender's clock may run ahead of ours. */
export const WEBHOOK_MAX_CLOCK_SKEW_MS = 30_000;

const PREFIX = "sha256=";
const HEX_DIGEST = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

/** Why a delivery was not accepted. */
export type WebhookRefusal = "missing" | "invalid" | "expired" | "future";

/** The two headers of a delivery of `body` signed with `secret` at `sentAt`. */
export function signWebhook(secret: string, body: string | Uint8Array, sentAt: Date): Record<string, string> {
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  return { [WEBHOOK_TIMESTAMP_HEADER]: timestamp, [WEBHOOK_SIGNATURE_HEADER]: PREFIX + digest(secret, timestamp, body).toString("hex") };
}

/**
 * Checks a delivery: the signature must cover exactly these bytes and this
 * timestamp (compared in constant time, so the answer time says nothing
 * about how much of a forged signature was right), then the timestamp must
 * be recent. Returns null when accepted, else why not.
 */
export function verifyWebhook(
  secret: string,
  body: Uint8Array,
  headers: { timestamp: string | undefined; signature: string | undefined },
  now: Date,
): WebhookRefusal | null {
  const { timestamp, signature } = headers;
  if (timestamp === undefined || signature === undefined) return "missing";
  if (!UNIX_SECONDS.test(timestamp.trim()) || !signature.startsWith(PREFIX)) return "invalid";
  const hex = signature.slice(PREFIX.length).trim();
  if (!HEX_DIGEST.test(hex)) return "invalid";
  const given = Buffer.from(hex, "hex");
  const expected = digest(secret, timestamp.trim(), body);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, HEX_DIGEST already makes `given` 32 bytes like a SHA-256; the length test stays because timingSafeEqual throws on unequal lengths
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  const ageMs = now.getTime() - Number(timestamp) * 1000;
  if (ageMs > WEBHOOK_MAX_AGE_MS) return "expired";
  if (ageMs < -WEBHOOK_MAX_CLOCK_SKEW_MS) return "future";
  return null;
}

function digest(secret: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
}
