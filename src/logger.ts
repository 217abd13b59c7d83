/**
 * The process logger (pino): JSON lines in production, human-readable lines
 * on a terminal (pino-pretty as a stream). Nothing secret leaves it, in three
 * layers, all pino's own mechanisms:
 *
 * 1. `serializers.err`: Telegram errors lose their request payload and keep
 *    method, code and description (./logging/error-serializer.ts);
 * 2. `redact`: fields named like secrets or activation codes are censored;
 * 3. `hooks.streamWrite`: the finished line is scrubbed of every configured
 *    secret, bot tokens in URLs and LPA strings (./logging/secret-scrubber.ts).
 */
import { pino, type DestinationStream } from "pino";
import PinoPretty from "pino-pretty";
import { serializeError } from "./logging/error-serializer.ts";
import { createSecretScrubber, REDACTED } from "./logging/secret-scrubber.ts";
import type { Logger } from "./services/logger.ts";

const SECRET_FIELDS = [
  "token",
  "botToken",
  "apiKey",
  "authorization",
  "secret",
  "password",
  "provider_token",
  "matchingId",
  "activationCode",
  "activation_code",
  "lpa",
];
const REDACT = [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`)];

/** How the logger writes. */
export interface LoggerOptions {
  level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** "json" for production and log collectors, "pretty" for a person at a terminal. */
  format: "json" | "pretty";
  /** Every secret value of the configuration (see `configSecrets`); none of them is ever written. */
  secrets: readonly string[];
  /** Where lines go; stdout by default (tests capture them; "pretty" needs a Node.js Writable). */
  destination?: DestinationStream;
}

/** Creates the root logger. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: "esim-bot" },
      serializers: { err: serializeError },
      redact: { paths: REDACT, censor: REDACTED },
      hooks: { streamWrite: createSecretScrubber(options.secrets) },
    },
    destinationOf(options),
  );
}

function destinationOf(options: LoggerOptions): DestinationStream {
  if (options.format === "json") return options.destination ?? pino.destination({ dest: 1, sync: true });
  return PinoPretty({
    colorize: options.destination === undefined && process.stdout.isTTY === true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,service",
    sync: true,
    ...(options.destination ? { destination: options.destination } : {}),
  });
}
