/**
 * The ceiling of the purchase steps: a bare grammY bot on @grammyjs/runner
 * that makes, for each step the benchmark takes, the Bot API calls the shop
 * makes (messages of about the shop's size, the same inline keyboards, an
 * invoice, the payment's reply and a delivery of a fixed QR photo and two
 * messages) through the shop's HTTP client (src/http/bot-api-fetch.ts over
 * a keep-alive undici Agent), and stores nothing: no database, no
 * conversation, no provider.
 * What the shop spends beyond it is its own work (state, orders, payments,
 * the eSIM). Started by bench/updates.ts with BOT_TOKEN and
 * TELEGRAM_API_ROOT; stops on SIGTERM.
 */
import { run } from "@grammyjs/runner";
import { Bot, InlineKeyboard, InputFile } from "grammy";
import { Agent } from "undici";
import { qrPng } from "../../src/domain/qr-png.ts";
import { botApiFetch } from "../../src/http/bot-api-fetch.ts";

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
if (!token || !apiRoot) throw new Error("same-calls-bot.ts needs BOT_TOKEN and TELEGRAM_API_ROOT");

const COUNTRIES = ["🇯🇵 Japan", "🇺🇸 United States", "🇹🇭 Thailand", "🇹🇷 Türkiye", "🇬🇧 United Kingdom", "🇫🇷 France", "🇮🇹 Italy", "🇪🇸 Spain", "🇦🇪 United Arab Emirates"];
const PLANS = ["1 GB · 7 days · 530 ⭐", "3 GB · 7 days · 1060 ⭐", "3 GB · 30 days · 1300 ⭐", "10 GB · 30 days · 2840 ⭐", "💎 20 GB · 30 days · 4475 ⭐", "50 GB · 30 days · 9900 ⭐"];
const QR = qrPng("LPA:1$smdp.example.com$SAME-CALLS-BENCH-0000000000", { scale: 20, margin: 2 });

function destinations(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  COUNTRIES.forEach((label, index) => {
    if (index > 0 && index % 3 === 0) keyboard.row();
    keyboard.text(label, `buy:dest:country:${index}`);
  });
  return keyboard.row().text("🗺 Regions & worldwide", "buy:regions").row().text("✖️ Cancel", "buy:cancel");
}

function plans(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  PLANS.forEach((label, index) => keyboard.text(label, `buy:plan:${index}`).row());
  return keyboard.text("🪜 Step by step: data, then days", "buy:steps").row().text("⬅️ Back", "buy:back").text("✖️ Cancel", "buy:cancel");
}

const SUMMARY =
  "🇯🇵 <b>Japan 1 GB</b> — 7 days\n\nValidity: 7 days — starts at first connection\nPrice: 530 ⭐\nCoverage: Japan\nNetworks: Docomo, SoftBank, KDDI\n\n" +
  "Works on eSIM-compatible phones: iPhone XS and newer, Pixel 3 and newer, Galaxy S20 and newer.";

const connections = new Agent({ keepAliveTimeout: 30_000 });
const bot = new Bot(token, { client: { apiRoot, fetch: botApiFetch(connections) } });
/** Each chat's panel message, as the shop's conversation remembers it. */
const panels = new Map<number, number>();
let orders = 0;

bot.command("start", (ctx) => ctx.reply(`Hi, ${ctx.from?.first_name ?? "there"}!`, { reply_markup: destinations() }));
bot.command("buy", async (ctx) => {
  const sent = await ctx.reply("🌍 <b>Where are you travelling?</b>\n\nType a country — e.g. Japan, JP or 🇯🇵 — or pick one below.", {
    parse_mode: "HTML",
    reply_markup: destinations(),
  });
  panels.set(ctx.chat.id, sent.message_id);
});
bot.on("message:text", async (ctx) => {
  const old = panels.get(ctx.chat.id);
  if (old !== undefined) await ctx.api.editMessageReplyMarkup(ctx.chat.id, old, { reply_markup: undefined });
  const sent = await ctx.reply("🇯🇵 <b>Japan</b>\nChoose a plan — 💎 marks the best value per GB.", { parse_mode: "HTML", reply_markup: plans() });
  panels.set(ctx.chat.id, sent.message_id);
});
bot.callbackQuery(/^buy:plan:/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(SUMMARY, {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text("💳 Pay 530 ⭐", "buy:pay").row().text("📱 Compatible devices", "buy:devices").row().text("⬅️ Back", "buy:back"),
  });
});
bot.callbackQuery("buy:pay", async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.replyWithInvoice("Japan 1 GB", "1 GB for 7 days in Japan", `same-calls-${++orders}`, "XTR", [{ label: "Japan 1 GB", amount: 530 }]);
  await ctx.editMessageText("Invoice sent below 👇");
});
bot.on("pre_checkout_query", (ctx) => ctx.answerPreCheckoutQuery(true));
bot.on("message:successful_payment", async (ctx) => {
  await ctx.reply("✅ Payment received. Your eSIM is on its way.");
  await ctx.replyWithPhoto(new InputFile(QR, "esim-qr.png"), { caption: "📶 Your eSIM is ready — scan this QR code in your phone's settings." });
  await ctx.reply("Or enter it by hand:\nSM-DP+ address: <code>smdp.example.com</code>\nActivation code: <code>SAME-CALLS</code>", { parse_mode: "HTML" });
  await ctx.reply("✈️ When do you leave? I'll remind you to switch the eSIM on.");
});

await bot.init();
const runner = run(bot);
process.once("SIGTERM", () => {
  void runner.stop().then(() => connections.close()).then(() => process.exit(0));
});
