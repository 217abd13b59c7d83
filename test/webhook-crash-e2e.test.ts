/**
 * Webhook mode when the instance dies in the middle of an update: the shop
 * as `npm start` runs it, in a child process on SQLite, is killed with
 * SIGKILL right as Telegram takes the invoice of a Pay tap, before it could
 * record the tap as handled. Started again, it handles the tap again (its
 * lease ran out): the traveller gets the same order in a second invoice, not
 * a second order, and paying it delivers one eSIM.
 */
import { expect, it } from "vitest";
import { buttonLabels, buttonStartingWith } from "./support/purchase-flow.ts";
import { queryRows } from "./support/databases.ts";
import { freePort } from "./support/free-ports.ts";
import { useShopChildRun } from "./support/shop-child-run.ts";

const TOKEN = "7000000017:AAE-test-token-for-the-webhook-crash";
const SECRET = "webhook-crash-secret-0123456789";
const WAIT = { timeoutMs: 30_000 };

const beginRun = useShopChildRun({ token: TOKEN, dirPrefix: "esim-webhook-crash-" });

it("a Pay tap whose instance died as its invoice went out is handled again on restart: the same order, one eSIM", { timeout: 120_000 }, async () => {
  const { emulator, database, env: base, start } = await beginRun();
  const port = await freePort();
  const env = {
    ...base,
    WEBHOOK_PORT: String(port),
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: "error",
    TEST_UPDATE_LEASE_MS: "1000",
  };
  const first = await start(env);
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
  const orders = () => queryRows(database.db, `SELECT "id", "status" FROM "Order"`);
  expect(await orders()).toHaveLength(1);

  // Started again, it takes the tap over once its lease ran out, and sends the invoice again.
  await start(env);
  await expect.poll(() => emulator.callsTo("sendInvoice").length, { timeout: 30_000, interval: 100 }).toBe(2);
  const [order] = await orders();
  expect(await orders()).toEqual([{ id: order!.id, status: "awaiting_payment" }]);
  const payloads = emulator.callsTo("sendInvoice").map((call) => call.params.payload);
  expect(payloads).toEqual([order!.id, order!.id]);

  const paid = await user.pay(WAIT);
  expect(paid.ok).toBe(true);
  await user.waitForPhoto("Your eSIM is ready", WAIT);
  await expect.poll(orders, { timeout: 30_000, interval: 100 }).toEqual([{ id: order!.id, status: "delivered" }]);
});
