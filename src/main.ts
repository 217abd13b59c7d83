/**
 * Entry point of `npm start`: reads .env and the environment, builds the app,
 * runs it until SIGINT/SIGTERM, then shuts down gracefully.
 */
import { existsSync } from "node:fs";
import { createApp, type App } from "./app.ts";
import { ConfigError, configSecrets, parseConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import type { Logger } from "./services/logger.ts";

/**
 * Runs one step of the start; a ConfigError (a bad variable, a refused API
 * key, a port in use) ends the process with one line per problem. The app
 * has already stopped whatever it had started.
 */
async function orExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
    process.exit(1);
  }
}

/**
 * Stops the app on the first SIGINT or SIGTERM, then exits; also while it is
 * still starting (e.g. waiting for Telegram). Returns whether it is stopping.
 */
function stopOnSignals(app: App, log: Logger): () => boolean {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "shutting down");
      app
        .stop()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          log.error({ err: error }, "shutdown failed");
          process.exit(1);
        });
    });
  }
  return () => stopping;
}

if (existsSync(".env")) process.loadEnvFile(".env");
const config = await orExit(() => parseConfig(process.env));
const log = createLogger({
  level: config.logLevel,
  format: config.logFormat === "auto" ? (process.stdout.isTTY ? "pretty" : "json") : config.logFormat,
  secrets: configSecrets(config).map((secret) => secret.value),
});
process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));
const app = await orExit(() => createApp(config, { log }));
const stopping = stopOnSignals(app, log);
await orExit(() => app.start()).catch((error: unknown) => {
  // A start cut short by a signal: the signal's handler stops and exits.
  if (!stopping()) throw error;
});
