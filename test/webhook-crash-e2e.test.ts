/**
 * Webhook mode when the instance dies in the middle of an update: the shop
 * as `npm start` runs it, in a child process on SQLite, is killed with
 * SIGKILL right as Telegram takes the invoice of a Pay tap, before it could
 * record the tap as handled. Started again, it handles the tap again (its
 * lease ran out): the traveller gets the same order in a second invoice, not
 * a second order, and paying it delivers one eSIM.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { buttonLabels, buttonStartingWith } from "./support/purchase-flow.ts";
import { createTestDatabase, queryRows, type TestDatabase } from "./support/databases.ts";
import { freePort } from "./support/free-ports.ts";
import { startShopChild, type ShopChild } from "./support/shop-child.ts";
import { startTelegramEmulator, type TelegramEmulator } from "./support/telegram/emulator.ts";

const TOKEN = "7000000017:AAE-test-token-for-the-webhook-crash";
const SECRET = "webhook-crash-secret-0123456789";
const WAIT = { timeoutMs: 30_000 };

let emulator: TelegramEmulator | undefined;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
const shops: ShopChild[] = [];

afterEach(async () => {
  await Promise.all(shops.splice(0).map((shop) => shop.kill()));
  await emulator?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  emulator = database = dataDir = undefined;
});

/** Starts the shop in a child process; resolves once it serves the webhook. */
async function startShopProcess(env: Record<string, string>): Promise<ShopChild> {
  const shop = await startShopChild(env, dataDir!);
  shops.push(shop);
  return shop;
}

it("a Pay tap whose instance died as its invoice went out is handled again on restart: the same order, one eSIM", { timeout: 120_000 }, async () => {
  emulator = await startTelegramEmulator({ token: TOKEN });
  database = await createTestDatabase("sqlite");
  dataDir = mkdtempSync(join(tmpdir(), "esim-webhook-crash-"));
  const port = await freePort();
  const env = {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_URL: database.url,
    SANDBOX_PORT: "0",
    SANDBOX_DATABASE: join(dataDir, "sandbox.db"),
    WEBHOOK_PORT: String(port),
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: "error",
    TEST_UPDATE_LEASE_MS: "1000",
  };
  const first = await startShopProcess(env);
  const user = emulator.user({ first_name: "Dana", language_code: "en" });
  user.send("/buy");
  await user.waitForMessage("Where are you travelling?", WAIT);
  user.send("Japan");
  user.press(buttonLabels(await user.waitForMessage("Choose a plan", WAIT))[0]!);
  const summary = await user.waitForEdit("— starts at first connection", WAIT);

  // Telegram takes the invoice; the instance dies before it hears so (SIGKILL lands before the answer is written).
  const killed = new Promise((resolve) => first.child.once("exit", resolve));
  const stopListening = emulator.onCall((call) => {
    if (call.method === "sendInvoice") first.child.kill("SIGKILL");
  });
  user.press(buttonStartingWith(summary, "💳 Pay"));
  await killed;
  stopListening();
  const orders = () => queryRows(database!.db, `SELECT "id", "status" FROM "Order"`);
  expect(await orders()).toHaveLength(1);

  // Started again, it takes the tap over once its lease ran out, and sends the invoice again.
  await startShopProcess(env);
  await expect.poll(() => emulator!.callsTo("sendInvoice").length, { timeout: 30_000, interval: 100 }).toBe(2);
  const [order] = await orders();
  expect(await orders()).toEqual([{ id: order!.id, status: "awaiting_payment" }]);
  const payloads = emulator.callsTo("sendInvoice").map((call) => call.params.payload);
  expect(payloads).toEqual([order!.id, order!.id]);

  const paid = await user.pay(WAIT);
  expect(paid.ok).toBe(true);
  await user.waitForPhoto("Your eSIM is ready", WAIT);
  await expect.poll(orders, { timeout: 30_000, interval: 100 }).toEqual([{ id: order!.id, status: "delivered" }]);
});
