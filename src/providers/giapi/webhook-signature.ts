/**
 * The (assumed, see ./wire.ts) signature of the generic API's webhooks:
 * `X-Webhook-Signature: sha256=<hex>` where hex = HMAC-SHA256(secret, raw body).
 * The sandbox signs with it and the bot's webhook server verifies with it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The request header that carries the signature. */
export const WEBHOOK_SIGNATURE_HEADER = "X-Webhook-Signature";

const PREFIX = "sha256=";
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/** The header value for `body` signed with `secret`. */
export function signWebhookBody(secret: string, body: string | Uint8Array): string {
  return PREFIX + createHmac("sha256", secret).update(body).digest("hex");
}

/**
 * True when `header` is a valid signature of exactly these bytes. The digests
 * are compared in constant time, so the answer time says nothing about how
 * much of a forged signature was right.
 */
export function isValidWebhookSignature(secret: string, body: Uint8Array, header: string | undefined): boolean {
  if (header === undefined || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length).trim();
  if (!HEX_DIGEST.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  const expected = createHmac("sha256", secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
