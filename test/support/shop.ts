/**
 * Starts the whole shop as `npm start` does (createApp from src/app.ts), wired
 * to a Telegram Bot API emulator and a fresh database, with the built-in
 * sandbox provider on an ephemeral port. A shop can be stopped and started
 * again on the same database and sandbox state, as a restart would.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createApp, type App } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import type { DatabaseProvider } from "../../src/db/client.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { SandboxControl } from "./sandbox-control.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./telegram/emulator.ts";

/** A running shop under test. */
export interface TestShop {
  emulator: TelegramEmulator;
  database: TestDatabase;
  /** The current app (replaced by `restart`). */
  app: App;
  /** The sandbox provider's control API of the current app. */
  sandbox: SandboxControl;
  /** Stops the app and starts a new one on the same database and sandbox state. */
  restart(extraEnv?: Record<string, string>): Promise<void>;
  /** Stops the app only (e.g. to simulate a crash window); `restart` brings it back. */
  stopApp(): Promise<void>;
  /** Log records (warn and above unless `logLevel` says otherwise), parsed (e.g. to assert nothing failed). */
  logs: Array<{ level: number; msg: string; [key: string]: unknown }>;
  /** Stops everything and deletes the databases. */
  close(): Promise<void>;
}

/** Starts a shop; `env` adds or overrides environment variables. */
export async function startShop(
  options: {
    db?: DatabaseProvider;
    env?: Record<string, string>;
    logLevel?: "trace" | "warn";
    /** The shop's clock (tests move it forward to make retries and deadlines due). */
    now?: () => Date;
  } = {},
): Promise<TestShop> {
  const emulator = await startTelegramEmulator({ token: "7000000001:AAE-test-token-for-the-emulator" });
  const database = await createTestDatabase(options.db ?? "sqlite");
  const sandboxDir = mkdtempSync(join(tmpdir(), "esim-sandbox-"));
  const baseEnv: Record<string, string> = {
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_URL: database.url,
    SANDBOX_PORT: "0",
    SANDBOX_DATABASE: join(sandboxDir, "sandbox.db"),
    FULFILMENT_RETRY_SECONDS: "0.05",
    // Lifecycle ticks are run by the tests (app.tickLifecycle) unless a test sets POLL_CRON.
    POLL_CRON: "0 0 1 1 *",
    LOG_LEVEL: "silent",
    ...options.env,
  };

  const logs: TestShop["logs"] = [];
  const logStream = { write: (line: string) => void logs.push(JSON.parse(line)) };
  const launch = async (extraEnv: Record<string, string> = {}) => {
    const config = parseConfig({ ...baseEnv, ...extraEnv });
    const app = await createApp(config, {
      log: pino({ level: options.logLevel ?? "warn" }, logStream),
      fulfilmentIntervalMs: 50,
      ...(options.now ? { now: options.now } : {}),
      ...(database.pgSchema ? { pgSchema: database.pgSchema } : {}),
    });
    await app.start();
    return app;
  };

  let app: App | undefined = await launch();
  const shop: TestShop = {
    emulator,
    database,
    logs,
    get app() {
      if (!app) throw new Error("the app is stopped");
      return app;
    },
    get sandbox() {
      return new SandboxControl(shop.app.sandboxUrl!);
    },
    async stopApp() {
      await app?.stop();
      app = undefined;
    },
    async restart(extraEnv) {
      await shop.stopApp();
      app = await launch(extraEnv);
    },
    async close() {
      await shop.stopApp();
      await emulator.close();
      await database.drop();
      rmSync(sandboxDir, { recursive: true, force: true });
    },
  };
  return shop;
}
