/**
 * The process logger (pino). Secrets and activation codes are redacted by
 * path as a safety net; the code also never passes them to the logger.
 */
import { pino } from "pino";
import type { Logger } from "./services/logger.ts";

const REDACT = [
  "token",
  "botToken",
  "apiKey",
  "authorization",
  "matchingId",
  "activationCode",
  "activation_code",
  "lpa",
  "*.token",
  "*.botToken",
  "*.apiKey",
  "*.authorization",
  "*.matchingId",
  "*.activationCode",
  "*.activation_code",
  "*.lpa",
];

/** Creates the root logger writing JSON lines to stdout. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" }, base: { service: "esim-bot" } });
}
