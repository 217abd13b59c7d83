/**
 * Telegram going away while the bot runs. The runner retries getUpdates on
 * its own (100 ms, then twice as long each time) but, kept silent so it does
 * not print errors past the logger's redaction, says nothing about it; this
 * transformer logs each failed poll with the API root and once when polling
 * works again.
 */
import type { Api } from "grammy";
import type { Logger } from "../services/logger.ts";
import { reasonOf } from "./telegram-identity.ts";

/** Installs the logging on the bot's Api (it looks at getUpdates only). */
export function reportPollingOutages(api: Api, apiRoot: string, log: Logger): void {
  let failing = false;
  api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      if (failing && result.ok) {
        failing = false;
        log.info({ apiRoot }, `Telegram answers again at ${apiRoot}; polling goes on`);
      }
      return result;
    } catch (error) {
      // A poll cut short because the bot is stopping is not an outage.
      if (!signal?.aborted) {
        failing = true;
        const reason = reasonOf(error);
        log.warn({ apiRoot, reason }, `polling Telegram at ${apiRoot} failed (${reason}); trying again`);
      }
      throw error;
    }
  });
}
