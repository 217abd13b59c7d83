/**
 * The logger's three layers (src/logger.ts): Telegram errors without their
 * payload, secret-named fields censored, and every line scrubbed of the
 * configured secrets, bot tokens in URLs and LPA strings.
 */
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { configSecrets, parseConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { serializeError } from "../src/logging/error-serializer.ts";
import { createSecretScrubber } from "../src/logging/secret-scrubber.ts";
import { RecipientUnreachableError } from "../src/services/ports.ts";

const TOKEN = "7000000010:AAE-redaction-test-token-0123456789";
const CODE = "K2-4F7PQ-9XH2M7";

function capture(secrets: readonly string[] = []) {
  const lines: string[] = [];
  const log = createLogger({ level: "trace", format: "json", secrets, destination: { write: (line) => void lines.push(line) } });
  return { log, text: () => lines.join("") };
}

function refusedSend(): GrammyError {
  return new GrammyError(
    "Call to 'sendMessage' failed!",
    { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    "sendMessage",
    { chat_id: 1, text: `Activation code: <code>${CODE}</code>` },
  );
}

describe("the error serializer", () => {
  it("keeps a Telegram error's method, code and description and drops its payload", () => {
    expect(serializeError(refusedSend())).toEqual({
      type: "GrammyError",
      message: "Call to 'sendMessage' failed! (403: Forbidden: bot was blocked by the user)",
      method: "sendMessage",
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
      stack: expect.any(String),
    });
  });

  it("keeps retry_after, which says how long Telegram wants us to wait", () => {
    const flood = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 7 } }, "sendMessage", { text: "x" });
    expect(serializeError(flood)).toMatchObject({ error_code: 429, retry_after: 7 });
  });

  it("follows causes, so a wrapped Telegram error loses its payload too", () => {
    const wrapped = new RecipientUnreachableError("Forbidden: bot was blocked by the user", { cause: refusedSend() });
    const serialized = serializeError(wrapped);
    expect(serialized).toMatchObject({ type: "RecipientUnreachableError", cause: { type: "GrammyError", method: "sendMessage" } });
    expect(JSON.stringify(serialized)).not.toContain(CODE);
  });

  it("names the method of a network error and keeps its cause's code", () => {
    const cause = Object.assign(new Error(`request to http://x/bot${TOKEN}/getMe failed, reason: connect ECONNREFUSED`), { code: "ECONNREFUSED" });
    expect(serializeError(new HttpError("Network request for 'getMe' failed!", cause))).toMatchObject({
      type: "HttpError",
      method: "getMe",
      cause: { code: "ECONNREFUSED" },
    });
  });

  it("keeps simple fields of other errors and leaves objects out", () => {
    const error = Object.assign(new Error("provider down"), { status: 503, problems: ["a", "b"], request: { headers: { authorization: "Bearer x" } } });
    const serialized = serializeError(error) as Record<string, unknown>;
    expect(serialized).toMatchObject({ type: "Error", message: "provider down", status: 503, problems: ["a", "b"] });
    expect(serialized).not.toHaveProperty("request");
    expect(serializeError("not an error")).toBe("not an error");
  });

  it("keeps what the database said under a Prisma error, and nothing else of its meta", () => {
    const driverError = Object.assign(new Error("driver"), {
      cause: { kind: "sqlite", originalCode: "1811", originalMessage: "injected: the trigger refused", extended: { rows: [1] } },
    });
    const error = Object.assign(new Error("Foreign key constraint violated on the foreign key"), {
      code: "P2003",
      meta: { driverAdapterError: driverError, query: { args: ["secret"] } },
    });
    const serialized = serializeError(error) as Record<string, unknown>;
    expect(serialized).toMatchObject({
      code: "P2003",
      database: { kind: "sqlite", originalCode: "1811", originalMessage: "injected: the trigger refused" },
    });
    expect(JSON.stringify(serialized)).not.toContain("secret");
    expect(serialized).not.toHaveProperty("meta");
  });
});

describe("the secret scrubber", () => {
  it("replaces every configured secret, as written, JSON-escaped or URL-encoded", () => {
    const scrub = createSecretScrubber(['se"cret-value', "plain-secret-123"]);
    expect(scrub(JSON.stringify({ msg: 'a se"cret-value b plain-secret-123' }))).toBe('{"msg":"a [redacted] b [redacted]"}');
    expect(scrub("?key=plain-secret-123&x=se%22cret-value")).toBe("?key=[redacted]&x=[redacted]");
  });

  it("ignores empty and very short secrets instead of mangling every line", () => {
    expect(createSecretScrubber(["", "ab"])("about a cab")).toBe("about a cab");
  });

  it("strips bot tokens from Bot API URLs and LPA strings from any text, whatever is configured", () => {
    const scrub = createSecretScrubber([]);
    expect(scrub(`GET https://api.telegram.org/bot${TOKEN}/getMe`)).toBe("GET https://api.telegram.org/bot[redacted]/getMe");
    expect(scrub(`/bot${TOKEN.replace(":", "%3A")}/x`)).toBe("/bot[redacted]/x");
    expect(scrub(`code LPA:1$rsp.example.com$${CODE} end`)).toBe("code LPA:1$[redacted] end");
    expect(scrub(`carddata=LPA%3A1%24rsp.example.com%24${CODE}"`)).toBe('carddata=LPA:1$[redacted]"');
    expect(scrub(`seed form 1$rsp.giapi.com$ESIM-8KX2.`)).toBe("seed form LPA:1$[redacted].");
  });

  it("strips the one-time token of a dashboard sign-in link, whatever is configured", () => {
    const scrub = createSecretScrubber([]);
    expect(scrub(`open http://127.0.0.1:8080/dashboard/sign-in?token=q2Vx_9-AbC"`)).toBe('open http://127.0.0.1:8080/dashboard/sign-in?token=[redacted]"');
  });
});

describe("the logger", () => {
  it("writes neither a configured secret nor an activation code, whatever a log call passes", () => {
    const config = parseConfig({
      BOT_TOKEN: TOKEN,
      ESIM_PROVIDER: "giapi",
      PROVIDER_BASE_URL: "https://api.example.com",
      PROVIDER_API_KEY: "provider-api-key-0123",
      WEBHOOK_PORT: "0",
      PROVIDER_WEBHOOK_SECRET: "webhook-secret-0123456789",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram",
      TELEGRAM_WEBHOOK_SECRET: "telegram-secret-0123456789",
      PAYMENT_PROVIDER_TOKEN: "284685063:TEST:card-provider-token",
      DATABASE_URL: "postgresql://shop:db-password-0123@db.example.com:5432/shop",
    });
    const secrets = configSecrets(config);
    expect(secrets.map((secret) => secret.name)).toEqual([
      "BOT_TOKEN",
      "PROVIDER_API_KEY",
      "PROVIDER_WEBHOOK_SECRET",
      "TELEGRAM_WEBHOOK_SECRET",
      "PAYMENT_PROVIDER_TOKEN",
      "DATABASE_URL password",
    ]);
    const { log, text } = capture(secrets.map((secret) => secret.value));
    log.info({ note: `all of them: ${secrets.map((secret) => secret.value).join(" ")}` }, "careless");
    log.info({ activationCode: CODE, esim: { matchingId: CODE }, apiKey: "k" }, "fields");
    log.error({ err: refusedSend() }, `failed for ${config.provider.kind}`);
    for (const secret of secrets) expect(text()).not.toContain(secret.value);
    expect(text()).not.toContain(CODE);
    expect(text()).toContain("Forbidden: bot was blocked by the user");
  });
});
