/**
 * Starts the whole shop as `npm start` does (createApp from src/app.ts), wired
 * to a Telegram Bot API emulator and a fresh database, with the built-in
 * sandbox provider on an ephemeral port. A shop can be stopped and started
 * again on the same database and sandbox state, as a restart would.
 *
 * Every log line is captured at the most verbose level through the
 * production logger, and `close()` fails when any of them holds a secret of
 * the shop's configuration or an activation code its sandbox issued.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type App } from "../../src/app.ts";
import { configSecrets, parseConfig, type ConfigSecret } from "../../src/config.ts";
import type { DatabaseProvider } from "../../src/db/client.ts";
import { createLogger } from "../../src/logger.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { assertNoLeaks, forbiddenValues, issuedMatchingIds } from "./log-leaks.ts";
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
  /** What the app printed to the console (the dashboard's start-up sign-in link), one entry a line. */
  announced: string[];
  /** Every log record (trace and up), parsed (e.g. to assert nothing failed). */
  logs: Array<{ level: number; msg: string; [key: string]: unknown }>;
  /** Stops everything, deletes the databases, and throws if any log line leaked a secret or an activation code. */
  close(): Promise<void>;
}

/** Starts a shop; `env` adds or overrides environment variables. */
export async function startShop(
  options: {
    db?: DatabaseProvider;
    env?: Record<string, string>;
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
    OCTOPUS_SANDBOX_DATABASE: join(sandboxDir, "octopus-sandbox.db"),
    FULFILMENT_RETRY_SECONDS: "0.05",
    // Lifecycle ticks are run by the tests (app.tickLifecycle) unless a test sets POLL_CRON.
    POLL_CRON: "0 0 1 1 *",
    LOG_LEVEL: "silent",
    // The dashboard on a free loopback port (its default, 8080, would collide between test files).
    DASHBOARD_PORT: "0",
    ...options.env,
  };

  const logs: TestShop["logs"] = [];
  const announced: string[] = [];
  const lines: string[] = [];
  const secrets: ConfigSecret[] = [];
  const destination = {
    write(line: string) {
      lines.push(line);
      logs.push(JSON.parse(line));
    },
  };
  const launch = async (extraEnv: Record<string, string> = {}) => {
    const config = parseConfig({ ...baseEnv, ...extraEnv });
    secrets.push(...configSecrets(config));
    const log = createLogger({ level: "trace", format: "json", secrets: secrets.map((secret) => secret.value), destination });
    const app = await createApp(config, {
      log,
      fulfilmentIntervalMs: 50,
      announce: (line: string) => void announced.push(line),
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
    announced,
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
      try {
        await shop.stopApp();
        await emulator.close();
        await database.drop();
        const issued = [baseEnv.SANDBOX_DATABASE!, baseEnv.OCTOPUS_SANDBOX_DATABASE!].flatMap(issuedMatchingIds);
        assertNoLeaks(lines, forbiddenValues(secrets, issued));
      } finally {
        rmSync(sandboxDir, { recursive: true, force: true });
      }
    },
  };
  return shop;
}
