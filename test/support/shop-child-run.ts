/**
 * What a kill-and-restart test needs around its shop processes: a Telegram
 * emulator, a SQLite database and a working directory (the sandbox's
 * database goes there), and every shop process it started killed after the
 * test, then the rest torn down. Call `useShopChildRun` where the test's
 * afterEach belongs (module or describe), `begin()` at the top of the test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { startShopChild, type ShopChild } from "./shop-child.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./telegram/emulator.ts";

/** One test's emulator and database, and the shops it starts in its working directory. */
export interface ShopChildRun {
  readonly emulator: TelegramEmulator;
  readonly database: TestDatabase;
  /** What every shop of this run is started with: the emulator, the database, a sandbox on any port keeping its data in `dir`. */
  readonly env: Readonly<Record<string, string>>;
  /** Starts the shop with `env` in a child process in `dir`; resolves once it polls (or serves its webhook). Killed after the test. */
  start(env: Record<string, string>): Promise<ShopChild>;
}

export interface ShopChildRunOptions {
  /** The bot token the emulator accepts. */
  readonly token: string;
  /** The working directory's name starts with this. */
  readonly dirPrefix: string;
}

/** Registers the cleanup in the calling scope; returns what starts a test's run. */
export function useShopChildRun(options: ShopChildRunOptions): () => Promise<ShopChildRun> {
  let emulator: TelegramEmulator | undefined;
  let database: TestDatabase | undefined;
  let dir: string | undefined;
  const shops: ShopChild[] = [];

  afterEach(async () => {
    await Promise.all(shops.splice(0).map((shop) => shop.kill()));
    await emulator?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    emulator = database = dir = undefined;
  });

  return async () => {
    emulator = await startTelegramEmulator({ token: options.token });
    database = await createTestDatabase("sqlite");
    dir = mkdtempSync(join(tmpdir(), options.dirPrefix));
    const cwd = dir;
    return {
      emulator,
      database,
      env: {
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        DATABASE_URL: database.url,
        SANDBOX_PORT: "0",
        SANDBOX_DATABASE: join(dir, "sandbox.db"),
      },
      async start(env) {
        const shop = await startShopChild(env, cwd);
        shops.push(shop);
        return shop;
      },
    };
  };
}
