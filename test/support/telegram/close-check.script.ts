/**
 * Run as a child process by test/emulator.test.ts: uses the emulator the way
 * a suite does (polling bot, held poll, pending wait, failing webhook), closes
 * it, and must then exit on its own. A handle left open makes it hang.
 */
import { Bot } from "grammy";
import { startTelegramEmulator } from "./emulator.ts";

const telegram = await startTelegramEmulator();
const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
bot.command("start", (ctx) => ctx.reply("Welcome"));
let polling: Promise<void> = Promise.resolve();
await new Promise<void>((resolve) => {
  polling = bot.start({ onStart: () => resolve() });
});
const user = telegram.user();
user.send("/start");
await user.waitForMessage("Welcome");
await bot.stop();
await polling;

const heldPoll = fetch(`${telegram.apiRoot}/bot${telegram.token}/getUpdates`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ timeout: 60 }),
}).then((response) => response.json());
await telegram.waitForCall("getUpdates", (call) => call.response === undefined);
const pendingWait = user.waitForMessage("never sent", 60_000).catch(() => "rejected");

await telegram.close();
console.log(JSON.stringify({ heldPoll: await heldPoll, pendingWait: await pendingWait }));

// A second emulator with a webhook nobody listens on: deliveries fail and are retried on a timer.
const hooked = await startTelegramEmulator();
const hookedBot = new Bot(hooked.token, { client: { apiRoot: hooked.apiRoot } });
await hookedBot.api.setWebhook("http://127.0.0.1:9/unreachable");
hooked.user().send("hello");
await hooked.close();
console.log("closed");
