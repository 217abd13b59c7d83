/**
 * The ceiling: a bare grammY bot on @grammyjs/runner that only answers
 * /start, with the runner's defaults, as the shop runs it. Started by
 * bench/updates.ts with BOT_TOKEN and TELEGRAM_API_ROOT; stops on SIGTERM.
 */
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
if (!token || !apiRoot) throw new Error("bare-bot.ts needs BOT_TOKEN and TELEGRAM_API_ROOT");

const bot = new Bot(token, { client: { apiRoot } });
bot.command("start", (ctx) => ctx.reply(`Hi, ${ctx.from?.first_name ?? "there"}! I only answer /start.`));
await bot.init();
const runner = run(bot);
process.once("SIGTERM", () => {
  void runner.stop().then(() => process.exit(0));
});
