/**
 * POST <path of TELEGRAM_WEBHOOK_URL>: Telegram's updates in webhook mode.
 * Order of checks: the secret token header (compared in constant time;
 * wrong or missing → 401 and nothing is read further), the size (413), the
 * JSON (400); then the update is stored, and only once the database has it
 * is Telegram answered 200. A stopping instance answers 503, so Telegram
 * retries and the proxy hands the update to another instance.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { readBodyUpTo } from "../http/read-body.ts";
import type { Logger } from "../services/logger.ts";
import type { IntakeOutcome } from "../services/update-intake.ts";

/** The header Telegram sends setWebhook's secret_token in. */
export const TELEGRAM_SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Updates are a few KB; a message with the longest text and entities stays well under this. */
export const TELEGRAM_UPDATE_MAX_BYTES = 1024 * 1024;

/** What the route needs. */
export interface TelegramWebhookDeps {
  /** The URL path Telegram posts to. */
  path: string;
  /** TELEGRAM_WEBHOOK_SECRET. */
  secret: string;
  intake: { accept(update: unknown): Promise<IntakeOutcome> };
  log: Logger;
}

/** Constant-time comparison of the header with the secret (hashed first, so lengths never differ). */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** The Telegram webhook route, to mount at the server's root. */
export function telegramWebhookRoutes(deps: TelegramWebhookDeps): Hono {
  const routes = new Hono();
  routes.post(deps.path, async (c) => {
    if (!secretMatches(c.req.header(TELEGRAM_SECRET_HEADER), deps.secret)) {
      deps.log.warn({ path: deps.path }, "Telegram webhook request refused: missing or wrong secret token");
      return c.json({ error: "unauthorized" }, 401);
    }
    const raw = await readBodyUpTo(c.req.raw, TELEGRAM_UPDATE_MAX_BYTES);
    if (raw === "too_large") return c.json({ error: "payload_too_large" }, 413);
    let update: unknown;
    try {
      update = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return c.json({ error: "invalid_json" }, 400);
    }
    const outcome = await deps.intake.accept(update);
    if (outcome === "closed") return c.json({ error: "stopping" }, 503);
    if (outcome === "invalid") {
      deps.log.warn({}, "Telegram webhook request refused: not an update (no update_id)");
      return c.json({ error: "not_an_update" }, 400);
    }
    return c.json({ status: outcome }, 200);
  });
  return routes;
}
