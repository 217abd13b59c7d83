/**
 * The bot's Composer (src/bot/composer.ts) runs middleware exactly as
 * grammY's does: the same tree of `use`, `on`, `command`, `callbackQuery`,
 * `filter` (sync and async), `drop` and nested composers, built on both, sees
 * the same steps in the same order for every kind of update, including
 * middleware installed on a filtered composer after it was registered; `next`
 * resolves after everything downstream; errors and a second `next` reject.
 */
import { Api, Composer, Context, type Middleware } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { ShopComposer } from "../src/bot/composer.ts";

const me = { id: 1, is_bot: true, first_name: "Shop", username: "shop_bot" } as UserFromGetMe;
const api = new Api("1:test", { apiRoot: "http://127.0.0.1:9" });
const from = { id: 7, is_bot: false, first_name: "Kim" };
const chat = { id: 7, type: "private" as const, first_name: "Kim" };

const UPDATES: Record<string, Update> = {
  start: {
    update_id: 1,
    message: { message_id: 1, date: 0, chat, from, text: "/start x", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
  },
  text: { update_id: 2, message: { message_id: 2, date: 0, chat, from, text: "japan" } },
  button: { update_id: 3, callback_query: { id: "q", from, chat_instance: "c", data: "menu:buy" } },
  otherButton: { update_id: 4, callback_query: { id: "q", from, chat_instance: "c", data: "lang:es" } },
  sticker: { update_id: 5, message: { message_id: 3, date: 0, chat, from, sticker: {} as never } },
};

type Make = () => Composer<Context>;

/** The same middleware tree on the given kind of composer; returns it and its trace. */
function tree(make: Make): { root: Composer<Context>; trace: string[] } {
  const trace: string[] = [];
  const step =
    (name: string, goOn = true): Middleware<Context> =>
    async (ctx, next) => {
      trace.push(`${name}>`);
      if (goOn) await next();
      trace.push(`<${name}`);
    };
  const root = make();
  root.use(step("first"));
  const texts = root.on("message:text", step("text"));
  root.command("start", step("start", false));
  const buttons = root.on("callback_query:data");
  root.filter(async (ctx) => ctx.update.update_id % 2 === 0, step("even (async)"));
  root.drop((ctx) => ctx.has("message"), step("not a message"));
  // A JavaScript predicate may answer with any truthy or falsy value.
  root.filter((ctx) => ctx.callbackQuery?.data as unknown as boolean, step("has data (truthy)"));
  const nested = make();
  nested.use(step("nested"));
  nested.callbackQuery("menu:buy", step("buy", false));
  root.use(nested);
  root.use(step("last"));
  // Installed after registration: must still take part.
  texts.filter((ctx) => ctx.message!.text!.startsWith("j"), step("j-text"));
  buttons.use(step("button"));
  return { root, trace };
}

async function run(make: Make, update: Update): Promise<string[]> {
  const { root, trace } = tree(make);
  const ctx = new Context(update, api, me);
  await root.middleware()(ctx, async () => {
    trace.push("end");
  });
  return trace;
}

describe("ShopComposer", () => {
  for (const [name, update] of Object.entries(UPDATES)) {
    it(`runs the same steps as grammY's Composer for a ${name}`, async () => {
      const expected = await run(() => new Composer<Context>(), update);
      expect(expected.length).toBeGreaterThan(2);
      await expect(run(() => new ShopComposer<Context>(), update)).resolves.toEqual(expected);
    });
  }

  it("rejects a second next() and passes errors on, as grammY does", async () => {
    for (const make of [() => new Composer<Context>(), () => new ShopComposer<Context>()]) {
      const twice = make();
      twice.use(async (_ctx, next) => {
        await next();
        await next();
      });
      twice.use((_ctx, next) => next());
      await expect(twice.middleware()(new Context(UPDATES.text!, api, me), async () => {})).rejects.toThrow("`next` already called before!");

      const failing = make();
      failing.on("message", () => {
        throw new Error("boom");
      });
      await expect(failing.middleware()(new Context(UPDATES.text!, api, me), async () => {})).rejects.toThrow("boom");
    }
  });
});
