/**
 * Configuration from the environment, validated with zod. `parseConfig` is a
 * pure function of the environment it is given, so tests build configs
 * without touching process.env, and nothing is read at import time.
 */
import cron from "node-cron";
import { z } from "zod";
import { OCTOPUS_DEFAULT_BASE_URL } from "./providers/octopus/client.ts";

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Shorter webhook secrets are guessable enough to forge events. */
export const WEBHOOK_SECRET_MIN_LENGTH = 16;

/** The operator dashboard's port when DASHBOARD_PORT is not set. */
export const DEFAULT_DASHBOARD_PORT = 8080;

/** The port the bot's HTTP server listens on in Telegram webhook mode when WEBHOOK_PORT is not set. */
export const DEFAULT_HTTP_PORT = 8080;

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Telegram's rule for secret_token: 1–256 of A–Z a–z 0–9 _ -. */
const TELEGRAM_SECRET = /^[A-Za-z0-9_-]{1,256}$/;

const commaSeparatedIds = z
  .string()
  .trim()
  .refine((value) => value === "" || value.split(",").every((id) => /^\s*\d+\s*$/.test(id)), {
    message: "expected comma-separated Telegram user ids, e.g. 12345,67890",
  })
  .transform((value) => (value === "" ? [] : value.split(",").map((id) => Number(id.trim()))));

const positiveNumber = (what: string) =>
  z.coerce.number({ message: `expected ${what}` }).positive({ message: `expected ${what}` });

const envSchema = z
  .object({
    BOT_TOKEN: z
      .string({ message: "is required: the token @BotFather gave you, e.g. 123456:ABC-DEF…" })
      .trim()
      .regex(/^\d+:[\w-]{10,}$/, { message: "expected a bot token like 123456:ABC-DEF… from @BotFather" }),
    TELEGRAM_API_ROOT: z.url({ message: "expected an http(s) URL" }).default("https://api.telegram.org"),
    DATABASE_URL: z
      .string()
      .trim()
      .refine((url) => url.startsWith("file:") || POSTGRES_URL.test(url), {
        message: "expected file:./path/to.db (SQLite) or postgres://user@host:5432/db",
      })
      .default("file:./data/esim.db"),
    ESIM_PROVIDER: z
      .enum(["sandbox", "giapi", "octopus", "octopus-sandbox"], {
        message: "expected sandbox, giapi, octopus or octopus-sandbox",
      })
      .default("sandbox"),
    PROVIDER_BASE_URL: z.url({ message: "expected the provider's API base URL, e.g. https://api.example.com" }).optional(),
    PROVIDER_API_KEY: z.string().trim().optional(),
    SANDBOX_PORT: z.coerce
      .number({ message: "expected a TCP port number" })
      .int({ message: "expected a TCP port number" })
      .min(0, { message: "expected a TCP port number" })
      .max(65535, { message: "expected a TCP port number" })
      .default(8787),
    SANDBOX_DATABASE: z.string().trim().min(1).default("./data/sandbox.db"),
    OCTOPUS_SANDBOX_DATABASE: z.string().trim().min(1).default("./data/octopus-sandbox.db"),
    CATALOG_REFRESH_MINUTES: positiveNumber("a positive number of minutes").default(15),
    PAYMENT_PROVIDER_TOKEN: z.string().trim().default(""),
    PAYMENT_CURRENCY: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, { message: "expected a 3-letter ISO 4217 currency code, e.g. USD" })
      .default("USD"),
    PAYMENT_CURRENCY_PER_USD: positiveNumber("a positive exchange rate (units of PAYMENT_CURRENCY per 1 USD)").default(1),
    STARS_PER_USD: positiveNumber("a positive number of Telegram Stars per 1 USD").default(77),
    PRICE_MARKUP_PERCENT: z.coerce
      .number({ message: "expected a percentage, e.g. 25" })
      .min(0, { message: "expected a percentage of 0 or more" })
      .max(1000, { message: "expected a percentage up to 1000" })
      .default(25),
    ADMIN_IDS: commaSeparatedIds.default([]),
    FULFILMENT_DEADLINE_MINUTES: positiveNumber("a positive number of minutes").default(30),
    FULFILMENT_RETRY_SECONDS: positiveNumber("a positive number of seconds (first retry delay)").default(5),
    RECONCILE_MINUTES: positiveNumber("a positive number of minutes (how often the Star ledger is read)").default(10),
    RECONCILE_RETRY_MINUTES: positiveNumber("a positive number of minutes (how often an unresolved order is looked up again)").default(10),
    RECONCILE_WINDOW_HOURS: positiveNumber("a positive number of hours (how long unresolved orders are reconciled)").default(48),
    POLL_CRON: z
      .string()
      .trim()
      .refine((expression) => cron.validate(expression), {
        message: 'expected a cron expression, e.g. "*/5 * * * *" (a sixth field in front sets seconds)',
      })
      .default("*/5 * * * *"),
    POLL_CONCURRENCY: z.coerce
      .number({ message: "expected a whole number from 1 to 256" })
      .int({ message: "expected a whole number from 1 to 256" })
      .min(1, { message: "expected a whole number from 1 to 256" })
      .max(256, { message: "expected a whole number from 1 to 256" })
      .default(16),
    LOW_DATA_PERCENT: z.coerce
      .number({ message: "expected a percentage between 1 and 99" })
      .min(1, { message: "expected a percentage between 1 and 99" })
      .max(99, { message: "expected a percentage between 1 and 99" })
      .default(20),
    EXPIRY_WARNING_HOURS: positiveNumber("a positive number of hours").default(24),
    INSTALL_CHECK_HOURS: z.coerce
      .number({ message: "expected a number of hours from 0 (off) to 168" })
      .min(0, { message: "expected a number of hours from 0 (off) to 168" })
      .max(168, { message: "expected a number of hours from 0 (off) to 168" })
      .default(2),
    BALANCE_CACHE_SECONDS: z.coerce
      .number({ message: "expected a number of seconds (0 or more)" })
      .finite({ message: "expected a number of seconds (0 or more)" })
      .min(0, { message: "expected a number of seconds (0 or more)" })
      .default(60),
    WEBHOOK_PORT: z.coerce
      .number({ message: "expected a TCP port number (0 picks a free one)" })
      .int({ message: "expected a TCP port number (0 picks a free one)" })
      .min(0, { message: "expected a TCP port number (0 picks a free one)" })
      .max(65535, { message: "expected a TCP port number (0 picks a free one)" })
      .optional(),
    PROVIDER_WEBHOOK_SECRET: z
      .string()
      .trim()
      .min(WEBHOOK_SECRET_MIN_LENGTH, {
        message: `expected at least ${WEBHOOK_SECRET_MIN_LENGTH} characters (e.g. from: openssl rand -hex 32)`,
      })
      .optional(),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: "expected the bot's public http(s) base URL, e.g. https://bot.example.com" })
      .optional(),
    TELEGRAM_WEBHOOK_URL: z
      .url({ protocol: /^https?$/, message: "expected the public https URL Telegram posts updates to, e.g. https://bot.example.com/telegram" })
      .refine((url) => url.startsWith("https:") || LOOPBACK_HOSTS.test(new URL(url).hostname), {
        message: "expected an https URL (Telegram posts only to https; http is accepted on loopback for tests)",
      })
      .optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .trim()
      .refine((secret) => TELEGRAM_SECRET.test(secret) && secret.length >= WEBHOOK_SECRET_MIN_LENGTH, {
        message: "expected 16–256 characters of A–Z, a–z, 0–9, _ and - (e.g. from: openssl rand -hex 32)",
      })
      .optional(),
    DASHBOARD_PORT: z
      .string()
      .trim()
      .refine((value) => value === "off" || (/^\d{1,5}$/.test(value) && Number(value) <= 65535), {
        message: "expected a TCP port number (0 picks a free one) or off",
      })
      .default(String(DEFAULT_DASHBOARD_PORT)),
    DASHBOARD_HOST: z.string().trim().min(1).default("127.0.0.1"),
    DASHBOARD_PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: "expected the dashboard's http(s) base URL as operators open it, e.g. https://bot.example.com" })
      .optional(),
    DASHBOARD_SESSION_HOURS: positiveNumber("a positive number of hours (how long a dashboard sign-in lasts)").default(12),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_FORMAT: z.enum(["auto", "json", "pretty"], { message: "expected auto, json or pretty" }).default("auto"),
  })
  .superRefine((env, ctx) => {
    if (env.ESIM_PROVIDER === "giapi" && !env.PROVIDER_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["PROVIDER_BASE_URL"], message: "is required when ESIM_PROVIDER=giapi" });
    }
    if ((env.ESIM_PROVIDER === "giapi" || env.ESIM_PROVIDER === "octopus") && !env.PROVIDER_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["PROVIDER_API_KEY"], message: `is required when ESIM_PROVIDER=${env.ESIM_PROVIDER}` });
    }
    refineTelegramWebhook(env, ctx);
    if (env.WEBHOOK_PORT !== undefined && !env.PROVIDER_WEBHOOK_SECRET && !env.TELEGRAM_WEBHOOK_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PROVIDER_WEBHOOK_SECRET"],
        message: "is required when WEBHOOK_PORT is set: webhooks are signed with it",
      });
    }
    if (env.PUBLIC_URL !== undefined && env.WEBHOOK_PORT === undefined && !env.TELEGRAM_WEBHOOK_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "is set but WEBHOOK_PORT is not: nothing would receive the provider's webhooks",
      });
    } else if (env.PUBLIC_URL !== undefined && !env.PROVIDER_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message: "is set but PROVIDER_WEBHOOK_SECRET is not: the provider's webhooks are signed with it",
      });
    }
  });

/** Telegram webhook mode needs its secret, and the secret needs the mode. */
function refineTelegramWebhook(env: { TELEGRAM_WEBHOOK_URL?: string; TELEGRAM_WEBHOOK_SECRET?: string }, ctx: z.RefinementCtx): void {
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["TELEGRAM_WEBHOOK_SECRET"],
      message: "is required when TELEGRAM_WEBHOOK_URL is set: Telegram sends it with every update, and updates without it are refused",
    });
  }
  if (env.TELEGRAM_WEBHOOK_SECRET && !env.TELEGRAM_WEBHOOK_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["TELEGRAM_WEBHOOK_SECRET"],
      message: "is set but TELEGRAM_WEBHOOK_URL is not: the bot uses long polling without a webhook URL",
    });
  }
}

/** The application's configuration, in the shape the code wants it. */
export interface Config {
  botToken: string;
  telegramApiRoot: string;
  databaseUrl: string;
  provider:
    | { kind: "sandbox" | "octopus-sandbox"; port: number; databasePath: string }
    | { kind: "giapi" | "octopus"; baseUrl: string; apiKey: string };
  catalogRefreshMs: number;
  payments: {
    /** Empty: Telegram Stars (XTR). */
    providerToken: string;
    /** "XTR" for Stars, else the card currency. */
    currency: string;
    /** Units of `currency` per US dollar (Stars per USD for XTR). */
    perUsd: number;
    markupPercent: number;
  };
  adminIds: number[];
  lifecycle: { cron: string; concurrency: number; lowDataPercent: number; expiryWarningHours: number };
  /** Hours after delivery to ask "did it work?" while the eSIM is not in use; 0 = never. */
  installCheckHours: number;
  fulfilment: { deadlineMs: number; firstRetryMs: number };
  /** Reconciling money: the Star ledger, and orders whose upstream outcome is unknown past their deadline. */
  reconcile: {
    /** How often the Star ledger is read (also once at start). */
    ledgerMs: number;
    /** How often an unresolved order is looked up again past its deadline; also how long an unknown request takes to settle. */
    retryMs: number;
    /** How long past its deadline an unresolved order is reconciled before the operator takes it over. */
    windowMs: number;
  };
  /** A balance younger than this is shown without asking the provider again. */
  balanceCacheMs: number;
  /** Provider webhooks (an accelerator: polling still runs); undefined when WEBHOOK_PORT is unset. */
  webhooks:
    | {
        /** 0 picks a free port (tests). */
        port: number;
        /** HMAC-SHA256 key of the X-Webhook-Signature header; also sent to the provider at registration. */
        secret: string;
        /** Base URL the provider reaches the bot at, without a trailing slash. */
        publicUrl: string | undefined;
      }
    | undefined;
  /** Port of the bot's HTTP server (Telegram's webhook, provider webhooks, /healthz); undefined: no server. */
  httpPort: number | undefined;
  /** Telegram webhook mode (instead of long polling); undefined: long polling. */
  telegramWebhook:
    | {
        /** The public URL given to setWebhook. */
        url: string;
        /** setWebhook's secret_token, checked on every request. */
        secret: string;
        /** The URL's path, which the HTTP server serves (a proxy in front forwards it unchanged). */
        path: string;
      }
    | undefined;
  /** The operator's web dashboard; undefined when DASHBOARD_PORT=off. */
  dashboard:
    | {
        /** 0 picks a free port (tests). */
        port: number;
        /** Loopback by default: the dashboard is for the operator's own machine unless they put it behind a proxy. */
        host: string;
        /** Base URL of sign-in links, without a trailing slash; undefined: the server's own address. */
        publicUrl: string | undefined;
        sessionMs: number;
      }
    | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** "auto": human-readable on a terminal, JSON lines otherwise. */
  logFormat: "auto" | "json" | "pretty";
}

function providerConfig(e: z.infer<typeof envSchema>): Config["provider"] {
  switch (e.ESIM_PROVIDER) {
    case "sandbox":
      return { kind: "sandbox", port: e.SANDBOX_PORT, databasePath: e.SANDBOX_DATABASE };
    case "octopus-sandbox":
      return { kind: "octopus-sandbox", port: e.SANDBOX_PORT, databasePath: e.OCTOPUS_SANDBOX_DATABASE };
    case "giapi":
      return { kind: "giapi", baseUrl: e.PROVIDER_BASE_URL ?? "", apiKey: e.PROVIDER_API_KEY ?? "" };
    case "octopus":
      return { kind: "octopus", baseUrl: e.PROVIDER_BASE_URL ?? OCTOPUS_DEFAULT_BASE_URL, apiKey: e.PROVIDER_API_KEY ?? "" };
  }
}

/** The HTTP server, and what it serves: provider webhooks, Telegram's webhook. */
function serverConfig(e: z.infer<typeof envSchema>): Pick<Config, "httpPort" | "webhooks" | "telegramWebhook"> {
  const telegram = e.TELEGRAM_WEBHOOK_URL;
  const httpPort = e.WEBHOOK_PORT ?? (telegram ? DEFAULT_HTTP_PORT : undefined);
  return {
    httpPort,
    webhooks:
      httpPort === undefined || !e.PROVIDER_WEBHOOK_SECRET
        ? undefined
        : { port: httpPort, secret: e.PROVIDER_WEBHOOK_SECRET, publicUrl: e.PUBLIC_URL?.replace(/\/+$/, "") },
    telegramWebhook: telegram ? { url: telegram, secret: e.TELEGRAM_WEBHOOK_SECRET ?? "", path: new URL(telegram).pathname } : undefined,
  };
}

/** Thrown when the environment is invalid; `message` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

/** Validates the environment and returns the configuration, or throws ConfigError. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable in .env means "not set": fall back to the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")} ${issue.message}`),
    );
  }
  const e = result.data;
  const stars = e.PAYMENT_PROVIDER_TOKEN === "";
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    databaseUrl: e.DATABASE_URL,
    provider: providerConfig(e),
    catalogRefreshMs: Math.round(e.CATALOG_REFRESH_MINUTES * 60_000),
    payments: {
      providerToken: e.PAYMENT_PROVIDER_TOKEN,
      currency: stars ? "XTR" : e.PAYMENT_CURRENCY,
      perUsd: stars ? e.STARS_PER_USD : e.PAYMENT_CURRENCY_PER_USD,
      markupPercent: e.PRICE_MARKUP_PERCENT,
    },
    adminIds: e.ADMIN_IDS,
    lifecycle: {
      cron: e.POLL_CRON,
      concurrency: e.POLL_CONCURRENCY,
      lowDataPercent: e.LOW_DATA_PERCENT,
      expiryWarningHours: e.EXPIRY_WARNING_HOURS,
    },
    installCheckHours: e.INSTALL_CHECK_HOURS,
    fulfilment: {
      deadlineMs: Math.round(e.FULFILMENT_DEADLINE_MINUTES * 60_000),
      firstRetryMs: Math.round(e.FULFILMENT_RETRY_SECONDS * 1000),
    },
    reconcile: {
      ledgerMs: Math.round(e.RECONCILE_MINUTES * 60_000),
      retryMs: Math.round(e.RECONCILE_RETRY_MINUTES * 60_000),
      windowMs: Math.round(e.RECONCILE_WINDOW_HOURS * 3_600_000),
    },
    balanceCacheMs: Math.round(e.BALANCE_CACHE_SECONDS * 1000),
    ...serverConfig(e),
    dashboard:
      e.DASHBOARD_PORT === "off"
        ? undefined
        : {
            port: Number(e.DASHBOARD_PORT),
            host: e.DASHBOARD_HOST,
            publicUrl: e.DASHBOARD_PUBLIC_URL?.replace(/\/+$/, ""),
            sessionMs: Math.round(e.DASHBOARD_SESSION_HOURS * 3_600_000),
          },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}

/** One secret of the configuration: which setting it comes from, and its value. */
export interface ConfigSecret {
  name: string;
  value: string;
}

/**
 * Every secret value in the configuration: the bot token, the provider's API
 * key, the webhook secret, the payment provider token and the database
 * password. The logger never writes them; tests check the logs for them.
 */
export function configSecrets(config: Config): ConfigSecret[] {
  const secrets: ConfigSecret[] = [{ name: "BOT_TOKEN", value: config.botToken }];
  if ("apiKey" in config.provider) secrets.push({ name: "PROVIDER_API_KEY", value: config.provider.apiKey });
  if (config.webhooks) secrets.push({ name: "PROVIDER_WEBHOOK_SECRET", value: config.webhooks.secret });
  if (config.telegramWebhook) secrets.push({ name: "TELEGRAM_WEBHOOK_SECRET", value: config.telegramWebhook.secret });
  secrets.push({ name: "PAYMENT_PROVIDER_TOKEN", value: config.payments.providerToken });
  const password = databasePassword(config.databaseUrl);
  if (password) secrets.push({ name: "DATABASE_URL password", value: password });
  return secrets.filter((secret) => secret.value !== "");
}

function databasePassword(url: string): string {
  if (!POSTGRES_URL.test(url)) return "";
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}
