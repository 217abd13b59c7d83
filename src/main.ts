/**
 * Entry point of `npm start`: reads .env and the environment, builds the app,
 * runs it until SIGINT/SIGTERM, then shuts down gracefully.
 */
import { existsSync } from "node:fs";
import { createApp } from "./app.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { createLogger } from "./logger.ts";

if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  process.exit(1);
}

const log = createLogger(config.logLevel);
process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));

let app;
try {
  app = await createApp(config, { log });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  process.exit(1);
}
try {
  await app.start();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // e.g. WEBHOOK_PORT taken: one line for the operator, then close what did start.
  for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  await app.stop().catch(() => undefined);
  process.exit(1);
}

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
