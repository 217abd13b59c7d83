import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

const TOKEN = "123456:ABCdefGHIjklMNOpqr";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("runs with only BOT_TOKEN: SQLite file, sandbox provider, Telegram Stars", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN });
    expect(config.databaseUrl).toBe("file:./data/esim.db");
    expect(config.provider).toEqual({ kind: "sandbox", port: 8787, databasePath: "./data/sandbox.db" });
    expect(config.payments).toMatchObject({ currency: "XTR", providerToken: "" });
    expect(config.telegramApiRoot).toBe("https://api.telegram.org");
    expect(config.adminIds).toEqual([]);
  });

  it("logs for a terminal or as JSON as LOG_FORMAT says, choosing by the terminal when unset", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN }).logFormat).toBe("auto");
    expect(parseConfig({ BOT_TOKEN: TOKEN, LOG_FORMAT: "json" }).logFormat).toBe("json");
    expect(problems({ BOT_TOKEN: TOKEN, LOG_FORMAT: "xml" })).toEqual(["LOG_FORMAT expected auto, json or pretty"]);
  });

  it("names the missing token in one line", () => {
    const lines = problems({});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^BOT_TOKEN is required/);
  });

  it("gives one line per bad variable, naming it and what it expects", () => {
    const lines = problems({ BOT_TOKEN: TOKEN, SANDBOX_PORT: "eighty", ADMIN_IDS: "1,abc", DATABASE_URL: "mysql://x" });
    expect(lines).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(/^SANDBOX_PORT expected a TCP port number/));
    expect(lines).toContainEqual(expect.stringMatching(/^ADMIN_IDS expected comma-separated Telegram user ids/));
    expect(lines).toContainEqual(expect.stringMatching(/^DATABASE_URL expected file:/));
  });

  it("reads the balance cache window in seconds, 60 by default, and refuses a negative one", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN }).balanceCacheMs).toBe(60_000);
    expect(parseConfig({ BOT_TOKEN: TOKEN, BALANCE_CACHE_SECONDS: "0" }).balanceCacheMs).toBe(0);
    expect(problems({ BOT_TOKEN: TOKEN, BALANCE_CACHE_SECONDS: "-5" })).toEqual([
      "BALANCE_CACHE_SECONDS expected a number of seconds (0 or more)",
    ]);
  });

  it("reads INSTALL_CHECK_HOURS: 2 by default, 0 turns the check off, fractions allowed, beyond a week refused", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN }).installCheckHours).toBe(2);
    expect(parseConfig({ BOT_TOKEN: TOKEN, INSTALL_CHECK_HOURS: "0" }).installCheckHours).toBe(0);
    expect(parseConfig({ BOT_TOKEN: TOKEN, INSTALL_CHECK_HOURS: "0.5" }).installCheckHours).toBe(0.5);
    for (const value of ["-1", "169", "soon"]) {
      expect(problems({ BOT_TOKEN: TOKEN, INSTALL_CHECK_HOURS: value })).toEqual(["INSTALL_CHECK_HOURS expected a number of hours from 0 (off) to 168"]);
    }
  });

  it("requires the provider URL and key for the generic API", () => {
    const lines = problems({ BOT_TOKEN: TOKEN, ESIM_PROVIDER: "giapi" });
    expect(lines).toEqual([
      "PROVIDER_BASE_URL is required when ESIM_PROVIDER=giapi",
      "PROVIDER_API_KEY is required when ESIM_PROVIDER=giapi",
    ]);
  });

  it("switches to card payments when a provider token is set", () => {
    const config = parseConfig({
      BOT_TOKEN: TOKEN,
      PAYMENT_PROVIDER_TOKEN: "284685063:TEST:abc",
      PAYMENT_CURRENCY: "eur",
      PAYMENT_CURRENCY_PER_USD: "0.92",
    });
    expect(config.payments).toEqual({ providerToken: "284685063:TEST:abc", currency: "EUR", perUsd: 0.92, markupPercent: 25 });
  });

  it("accepts PostgreSQL URLs, admin ids with spaces and fractional deadlines", () => {
    const config = parseConfig({
      BOT_TOKEN: TOKEN,
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test",
      ADMIN_IDS: "111, 222",
      FULFILMENT_DEADLINE_MINUTES: "0.5",
    });
    expect(config.databaseUrl).toBe("postgresql://postgres@127.0.0.1:5432/test");
    expect(config.adminIds).toEqual([111, 222]);
    expect(config.fulfilment.deadlineMs).toBe(30_000);
  });

  it("reads the reconcile settings: the ledger every 10 minutes, unresolved orders every 10 minutes for 48 hours by default", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN }).reconcile).toEqual({ ledgerMs: 600_000, retryMs: 600_000, windowMs: 48 * 3_600_000 });
    const config = parseConfig({ BOT_TOKEN: TOKEN, RECONCILE_MINUTES: "2", RECONCILE_RETRY_MINUTES: "0.5", RECONCILE_WINDOW_HOURS: "72" });
    expect(config.reconcile).toEqual({ ledgerMs: 120_000, retryMs: 30_000, windowMs: 72 * 3_600_000 });
  });

  it("refuses bad reconcile settings, one line each naming the variable", () => {
    expect(problems({ BOT_TOKEN: TOKEN, RECONCILE_MINUTES: "0", RECONCILE_RETRY_MINUTES: "soon", RECONCILE_WINDOW_HOURS: "-1" })).toEqual([
      "RECONCILE_MINUTES expected a positive number of minutes (how often the Star ledger is read)",
      "RECONCILE_RETRY_MINUTES expected a positive number of minutes (how often an unresolved order is looked up again)",
      "RECONCILE_WINDOW_HOURS expected a positive number of hours (how long unresolved orders are reconciled)",
    ]);
  });

  it("serves the dashboard on 127.0.0.1:8080 by default; DASHBOARD_PORT=off turns it off; bad values get one line each", () => {
    const base = { BOT_TOKEN: "123456:ABCDEFGHIJKLMNOP" };
    expect(parseConfig(base).dashboard).toEqual({ port: 8080, host: "127.0.0.1", publicUrl: undefined, sessionMs: 12 * 3_600_000 });
    expect(parseConfig({ ...base, DASHBOARD_PORT: "off" }).dashboard).toBeUndefined();
    expect(parseConfig({ ...base, DASHBOARD_PORT: "0", DASHBOARD_HOST: "0.0.0.0", DASHBOARD_PUBLIC_URL: "https://shop.example/", DASHBOARD_SESSION_HOURS: "1" }).dashboard).toEqual({
      port: 0,
      host: "0.0.0.0",
      publicUrl: "https://shop.example",
      sessionMs: 3_600_000,
    });
    expect(() => parseConfig({ ...base, DASHBOARD_PORT: "70000", DASHBOARD_PUBLIC_URL: "ftp://x", DASHBOARD_SESSION_HOURS: "-1" })).toThrow(
      /^DASHBOARD_PORT expected a TCP port number \(0 picks a free one\) or off\nDASHBOARD_PUBLIC_URL expected .*\nDASHBOARD_SESSION_HOURS expected/,
    );
  });

  it("treats empty variables (as in a copied .env.example) as unset", () => {
    const config = parseConfig({ BOT_TOKEN: TOKEN, PROVIDER_BASE_URL: "", ADMIN_IDS: "", SANDBOX_PORT: "" });
    expect(config.provider).toMatchObject({ kind: "sandbox", port: 8787 });
  });

  describe("provider webhooks", () => {
    const SECRET = "0123456789abcdef0123";

    it("are off unless WEBHOOK_PORT is set", () => {
      expect(parseConfig({ BOT_TOKEN: TOKEN }).webhooks).toBeUndefined();
      expect(parseConfig({ BOT_TOKEN: TOKEN, PROVIDER_WEBHOOK_SECRET: SECRET }).webhooks).toBeUndefined();
    });

    it("take the port, the secret and PUBLIC_URL without its trailing slash", () => {
      const config = parseConfig({
        BOT_TOKEN: TOKEN,
        WEBHOOK_PORT: "8443",
        PROVIDER_WEBHOOK_SECRET: SECRET,
        PUBLIC_URL: "https://bot.example.com/shop/",
      });
      expect(config.webhooks).toEqual({ port: 8443, secret: SECRET, publicUrl: "https://bot.example.com/shop" });
      expect(parseConfig({ BOT_TOKEN: TOKEN, WEBHOOK_PORT: "0", PROVIDER_WEBHOOK_SECRET: SECRET }).webhooks).toEqual({
        port: 0,
        secret: SECRET,
        publicUrl: undefined,
      });
    });

    it("require the secret with WEBHOOK_PORT, in one line naming it", () => {
      expect(problems({ BOT_TOKEN: TOKEN, WEBHOOK_PORT: "8443" })).toEqual([
        "PROVIDER_WEBHOOK_SECRET is required when WEBHOOK_PORT is set: webhooks are signed with it",
      ]);
    });

    it("refuse a short secret, a bad port and a non-http PUBLIC_URL, one line each", () => {
      const lines = problems({
        BOT_TOKEN: TOKEN,
        WEBHOOK_PORT: "70000",
        PROVIDER_WEBHOOK_SECRET: "short",
        PUBLIC_URL: "ftp://bot.example.com",
      });
      expect(lines).toHaveLength(3);
      expect(lines).toContainEqual(expect.stringMatching(/^WEBHOOK_PORT expected a TCP port number/));
      expect(lines).toContainEqual(expect.stringMatching(/^PROVIDER_WEBHOOK_SECRET expected at least 16 characters/));
      expect(lines).toContainEqual(expect.stringMatching(/^PUBLIC_URL expected the bot's public http\(s\) base URL/));
    });

    it("refuse PUBLIC_URL without WEBHOOK_PORT: nothing would receive the webhooks", () => {
      expect(problems({ BOT_TOKEN: TOKEN, PUBLIC_URL: "https://bot.example.com" })).toEqual([
        "PUBLIC_URL is set but WEBHOOK_PORT is not: nothing would receive the provider's webhooks",
      ]);
    });
  });

  describe("Telegram webhook mode", () => {
    const SECRET = "tg_0123456789abcdef-XYZ";

    it("is off by default: long polling, no HTTP server", () => {
      const config = parseConfig({ BOT_TOKEN: TOKEN });
      expect(config.telegramWebhook).toBeUndefined();
      expect(config.httpPort).toBeUndefined();
    });

    it("takes the URL, its path and the secret, and serves on port 8080 unless WEBHOOK_PORT says otherwise", () => {
      const config = parseConfig({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram/updates", TELEGRAM_WEBHOOK_SECRET: SECRET });
      expect(config.telegramWebhook).toEqual({ url: "https://bot.example.com/telegram/updates", secret: SECRET, path: "/telegram/updates" });
      expect(config.httpPort).toBe(8080);
      // Provider webhooks stay off without their own secret.
      expect(config.webhooks).toBeUndefined();
      const both = parseConfig({
        BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_URL: "https://bot.example.com/tg",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        WEBHOOK_PORT: "9000",
        PROVIDER_WEBHOOK_SECRET: "0123456789abcdef0123",
      });
      expect(both.httpPort).toBe(9000);
      expect(both.webhooks).toMatchObject({ port: 9000, secret: "0123456789abcdef0123" });
    });

    it("accepts http only on loopback", () => {
      const local = parseConfig({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "http://127.0.0.1:9999/tg", TELEGRAM_WEBHOOK_SECRET: SECRET });
      expect(local.telegramWebhook?.path).toBe("/tg");
      expect(problems({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "http://bot.example.com/tg", TELEGRAM_WEBHOOK_SECRET: SECRET })).toEqual([
        "TELEGRAM_WEBHOOK_URL expected an https URL (Telegram posts only to https; http is accepted on loopback for tests)",
      ]);
    });

    it("requires the secret with the URL, and the URL with the secret, in one line each", () => {
      expect(problems({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.com/tg" })).toEqual([
        "TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set: Telegram sends it with every update, and updates without it are refused",
      ]);
      expect(problems({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET })).toEqual([
        "TELEGRAM_WEBHOOK_SECRET is set but TELEGRAM_WEBHOOK_URL is not: the bot uses long polling without a webhook URL",
      ]);
    });

    it("refuses a secret Telegram would not take, or a short one, in one line", () => {
      for (const secret of ["short", "has spaces in it 0123456789", "x".repeat(257)]) {
        expect(problems({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.com/tg", TELEGRAM_WEBHOOK_SECRET: secret })).toEqual([
          "TELEGRAM_WEBHOOK_SECRET expected 16–256 characters of A–Z, a–z, 0–9, _ and - (e.g. from: openssl rand -hex 32)",
        ]);
      }
    });

    it("refuses PUBLIC_URL without the provider's webhook secret", () => {
      expect(
        problems({ BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.com/tg", TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "https://bot.example.com" }),
      ).toEqual(["PUBLIC_URL is set but PROVIDER_WEBHOOK_SECRET is not: the provider's webhooks are signed with it"]);
    });
  });
});
