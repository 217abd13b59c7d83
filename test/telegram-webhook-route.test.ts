/**
 * The Telegram webhook route (src/server/telegram-webhook-route.ts) with a
 * fake intake: the secret token is checked before anything is read, a
 * stopping instance answers 503 so Telegram retries elsewhere, oversized and
 * malformed bodies are refused (each with its error name), and the secret
 * comparison is exact.
 */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createHttpApp } from "../src/server/http-server.ts";
import { secretMatches, telegramWebhookRoutes, TELEGRAM_UPDATE_MAX_BYTES } from "../src/server/telegram-webhook-route.ts";
import type { IntakeOutcome } from "../src/services/update-intake.ts";

const SECRET = "route-secret-0123456789";

function app(outcome: IntakeOutcome) {
  const accepted: unknown[] = [];
  const log = pino({ level: "silent" });
  const routes = telegramWebhookRoutes({
    path: "/tg",
    secret: SECRET,
    intake: {
      accept: async (update) => {
        accepted.push(update);
        return outcome;
      },
    },
    log,
  });
  const http = createHttpApp({ routes: [routes], readiness: async () => ({ ready: false, status: "stopping", checks: { database: "ok" } }), log });
  /** `secret` null: no header at all. */
  const post = (body: string, secret: string | null = SECRET) =>
    http.request("/tg", { method: "POST", body, headers: secret === null ? {} : { "x-telegram-bot-api-secret-token": secret } });
  return { http, post, accepted };
}

describe("the Telegram webhook route", () => {
  it("refuses a missing or wrong secret before reading the body", async () => {
    const { post, accepted } = app("stored");
    const missing = await post('{"update_id":1}', null);
    expect([missing.status, await missing.json()]).toEqual([401, { error: "unauthorized" }]);
    expect((await post('{"update_id":1}', "route-secret-012345678")).status).toBe(401);
    expect(accepted).toEqual([]);
  });

  it("answers 200 once the update is stored, also for a repeat", async () => {
    expect((await app("stored").post('{"update_id":1}')).status).toBe(200);
    const repeat = await app("duplicate").post('{"update_id":1}');
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ status: "duplicate" });
  });

  it("answers 503 while the instance stops, so Telegram retries on another", async () => {
    const { post, http } = app("closed");
    const response = await post('{"update_id":1}');
    expect([response.status, await response.json()]).toEqual([503, { error: "stopping" }]);
    const health = await http.request("/healthz");
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "stopping", database: "ok" });
  });

  it("refuses bodies that are not JSON, not updates, or too large", async () => {
    const answer = async (response: Response) => [response.status, await response.json()];
    expect(await answer(await app("stored").post("{nope"))).toEqual([400, { error: "invalid_json" }]);
    expect(await answer(await app("invalid").post("[]"))).toEqual([400, { error: "not_an_update" }]);
    const tooLarge = await app("stored").post(`{"update_id":1,"pad":"${"x".repeat(TELEGRAM_UPDATE_MAX_BYTES)}"}`);
    expect(await answer(tooLarge)).toEqual([413, { error: "payload_too_large" }]);
  });

  it("compares secrets exactly", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches("", SECRET)).toBe(false);
    expect(secretMatches(SECRET.toUpperCase(), SECRET)).toBe(false);
  });
});
