/**
 * Webhook mode in one shop (SQLite and PostgreSQL): Telegram (the emulator)
 * posts updates to the shop's HTTP server, which stores each before it
 * answers; a traveller buys an eSIM as with polling. Requests without the
 * secret token are refused and change nothing; an update delivered twice is
 * handled once; /healthz reports the database and the provider; a second
 * process on the same SQLite file is refused in one line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../src/config.ts";
import { buttonLabels, buttonStartingWith, buyEsim } from "./support/purchase-flow.ts";
import { queryRows } from "./support/databases.ts";
import { freePort } from "./support/free-ports.ts";
import { startShop, type TestShop } from "./support/shop.ts";
import { DATABASES } from "./support/databases.ts";

const SECRET = "telegram-webhook-secret-0123456789";
let shop: TestShop | undefined;

afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function webhookShop(db: "sqlite" | "postgresql"): Promise<{ shop: TestShop; url: string }> {
  const port = await freePort(); // the webhook URL must name the port before the server listens
  const url = `http://127.0.0.1:${port}/telegram/updates`;
  shop = await startShop({ db, env: { WEBHOOK_PORT: String(port), TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: SECRET } });
  return { shop, url };
}

function post(url: string, body: unknown, secret: string | undefined) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== undefined) headers["x-telegram-bot-api-secret-token"] = secret;
  return request(url, { method: "POST", headers, body: JSON.stringify(body) });
}

describe.each(DATABASES)("webhook mode on %s", (db) => {
  it("serves a purchase from updates Telegram posts, with the secret, never polling", async () => {
    const { shop, url } = await webhookShop(db);
    const ann = shop.emulator.user({ first_name: "Ann", language_code: "en" });
    ann.send("/start");
    await ann.waitForMessage("Hi, Ann", { timeoutMs: 10_000 });
    await buyEsim(shop, ann);

    const [setWebhook] = shop.emulator.callsTo("setWebhook");
    expect(setWebhook?.params).toMatchObject({ url, secret_token: SECRET });
    expect(setWebhook?.params.allowed_updates).toEqual(["message", "callback_query", "pre_checkout_query", "inline_query", "my_chat_member"]);
    expect(setWebhook?.params.drop_pending_updates).not.toBe(true);
    expect(shop.emulator.callsTo("getUpdates")).toHaveLength(0);
    const handled = await queryRows(shop.database.db, `SELECT "status", COUNT(*) AS n FROM "InboundUpdate" GROUP BY "status"`);
    expect(handled.map((row) => row.status)).toEqual(["done"]);
  });
});

describe("webhook mode", () => {
  it("refuses updates without the right secret token (401) and handles nothing; an update delivered twice is handled once", async () => {
    const { shop, url } = await webhookShop("sqlite");
    const bob = shop.emulator.user({ first_name: "Bob", language_code: "en" });
    const from = { id: bob.id, is_bot: false, first_name: "Bob", language_code: "en" };
    const forged = {
      update_id: 900_001,
      message: {
        message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: bob.id, type: "private", first_name: "Bob" }, from,
        text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    };
    for (const secret of [undefined, "wrong-secret-0123456789", `${SECRET}x`]) {
      const response = await post(url, forged, secret);
      expect(response.statusCode).toBe(401);
      expect(await response.body.json()).toEqual({ error: "unauthorized" });
    }
    expect(await queryRows(shop.database.db, `SELECT 1 FROM "InboundUpdate" WHERE "updateId" = 900001`)).toEqual([]);

    const first = await post(url, forged, SECRET);
    expect(first.statusCode).toBe(200);
    expect(await first.body.json()).toEqual({ status: "stored" });
    await bob.waitForMessage("Hi, Bob", { timeoutMs: 10_000 });
    const again = await post(url, forged, SECRET);
    expect(await again.body.json()).toEqual({ status: "duplicate" });
    // One more update of the chat is handled after it, so the repeat had every chance to show.
    bob.send("/help");
    await bob.waitForMessage("/buy");
    expect(bob.messages().filter((message) => message.content.includes("Hi, Bob"))).toHaveLength(1);

    expect((await post(url, { hello: "world" }, SECRET)).statusCode).toBe(400);
  });

  it("a request that got no answer while handling an update is retried: the traveller's tap is answered, the purchase goes on", async () => {
    const { shop } = await webhookShop("sqlite");
    const cleo = shop.emulator.user({ first_name: "Cleo", language_code: "en" });
    cleo.send("/buy");
    await cleo.waitForMessage("Where are you travelling?", { timeoutMs: 10_000 });
    cleo.send("Japan");
    const picker = await cleo.waitForMessage("Choose a plan", { timeoutMs: 10_000 });
    // The connection drops on the first call the tap makes (a network blip), inside the purchase conversation.
    shop.emulator.failNext("answerCallbackQuery", "drop");
    const tap = cleo.press(buttonLabels(picker)[0]!);
    await cleo.waitForEdit("— starts at first connection", { timeoutMs: 15_000 });
    expect(await cleo.waitForCallbackAnswer(tap)).toBeDefined();
    expect(shop.emulator.callsTo("answerCallbackQuery").filter((call) => call.params.callback_query_id === tap)).toHaveLength(2);
    // The conversation lived on: Pay leads to the invoice.
    cleo.press(buttonStartingWith(await cleo.waitForEdit("— starts at first connection"), "💳 Pay"));
    await cleo.waitForInvoice({ timeoutMs: 10_000 });
  });

  it("reports the database and the provider on /healthz", async () => {
    const { shop } = await webhookShop("sqlite");
    const health = await request(`${shop.app.webhookUrl}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: "ok", database: "ok", provider: "ok" });
  });

  it("refuses a second process on the same SQLite file in one line", async () => {
    const { shop } = await webhookShop("sqlite");
    await shop.stopApp();
    // Another live process (this test runner's parent) holds the lock, as a second `npm start` would find it.
    const lockFile = `${shop.database.url.replace(/^file:/, "")}.instance.lock`;
    writeFileSync(lockFile, String(process.ppid));
    const port = await freePort();
    const env = { WEBHOOK_PORT: String(port), TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/tg`, TELEGRAM_WEBHOOK_SECRET: SECRET };
    const refusal = await shop.restart(env).then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).problems).toEqual([
      `DATABASE_URL: another bot process (pid ${process.ppid}) already runs on this SQLite database; SQLite serves one instance — use PostgreSQL to run several`,
    ]);
    // Once that process is gone, its lock is taken over.
    writeFileSync(lockFile, "999999999");
    await shop.restart(env);
    expect(readFileSync(lockFile, "utf8")).toBe(String(process.pid));
  });
});
