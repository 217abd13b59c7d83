/**
 * The app as one ordered list of parts: when a part fails to start (here the
 * webhook port is taken), everything started before it is stopped again, so
 * the sandbox port is free for the next start, and nothing went to Telegram.
 */
import { createServer, type Server } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { ConfigError, parseConfig } from "../src/config.ts";
import { createTestDatabase, type TestDatabase } from "./support/databases.ts";
import { freePort } from "./support/free-ports.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

let emulator: TelegramEmulator | undefined;
let database: TestDatabase | undefined;
let squatter: Server | undefined;
let dir: string | undefined;

afterEach(async () => {
  await emulator?.close();
  await database?.drop();
  if (squatter) await new Promise((resolve) => squatter!.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
  emulator = database = squatter = dir = undefined;
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
  return (server.address() as { port: number }).port;
}

describe("a start that fails", () => {
  it("stops what had started: the sandbox's port is free again and Telegram was never polled", async () => {
    emulator = await startTelegramEmulator({ token: "7000000003:AAE-test-token-for-start-failure" });
    database = await createTestDatabase("sqlite");
    dir = mkdtempSync(join(tmpdir(), "esim-start-failure-"));
    squatter = createServer();
    const env = {
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      DATABASE_URL: database.url,
      SANDBOX_PORT: String(await freePort()),
      SANDBOX_DATABASE: join(dir, "sandbox.db"),
      WEBHOOK_PORT: String(await listen(squatter)),
      PROVIDER_WEBHOOK_SECRET: "start-failure-secret-0123",
      LOG_LEVEL: "silent",
    };
    const log = pino({ level: "silent" });

    const app = await createApp(parseConfig(env), { log });
    const failure = await app.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([`WEBHOOK_PORT ${env.WEBHOOK_PORT} is already in use by another process`]);
    expect(emulator.callsTo("getUpdates")).toHaveLength(0);

    // The sandbox was closed with everything else: a new app binds the same port.
    const again = await createApp(parseConfig({ ...env, WEBHOOK_PORT: "0" }), { log });
    await again.start();
    await emulator.waitForCall("getUpdates");
    await again.stop();
  });
});
