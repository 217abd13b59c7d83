/**
 * Entry points: /start (with deep links), /buy (with a destination or a
 * whole request: "/buy Japan 5GB 7 days"), /help, /cancel, the main menu's
 * buttons, and text typed outside a purchase, which searches for it.
 * Commands that start something new first exit any running conversation,
 * so a traveller is never stuck in an old flow.
 */
import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { ShopComposer } from "../composer.ts";
import type { DestinationRef } from "../../domain/destinations/index.ts";
import type { CatalogService } from "../../services/catalog.ts";
import type { UserService } from "../../services/users.ts";
import { MENU, parseRenewButton, parseStartButton, START } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { PURCHASE_CONVERSATION } from "../conversations/purchase.ts";
import { parseDeepLink } from "../deep-links.ts";
import { destinationLabel } from "../destination-labels.ts";
import { escapeHtml } from "../html.ts";
import { KeptViews } from "../kept-views.ts";
import { viewLocale, type ViewLocale } from "../view-locale.ts";

/** Exits conversations on commands that start over; install before the conversations are created. */
export function startOverFeature(): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.command(["start", "buy"], async (ctx, next) => {
    await ctx.conversation.exitAll();
    await next();
  });
  // The buttons that start a new purchase: Buy and the destinations in the menu, and Buy again.
  const startsPurchase = (data: string) => data === MENU.buy || parseRenewButton(data) !== null || parseStartButton(data) !== null;
  composer.on("callback_query:data").filter(
    (ctx) => startsPurchase(ctx.callbackQuery.data),
    async (ctx, next) => {
      await ctx.conversation.exitAll();
      await next();
    },
  );
  composer.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancelled" : "nothing-to-cancel"), { reply_markup: { remove_keyboard: true } });
  });
  composer.command("help", (ctx) => ctx.reply(ctx.t("help"), { parse_mode: "HTML" }));
  composer.callbackQuery(MENU.help, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("help"), { parse_mode: "HTML" });
  });
  return composer;
}

/** What the menu needs. */
export interface MenuDeps {
  users: UserService;
  catalog: CatalogService;
  /** Popular countries (ISO alpha-2); the first ones on sale are on the /start menu. */
  popularCountries: readonly string[];
}

/** Popular destinations on the /start menu: two rows of three. */
const MENU_DESTINATIONS = 6;

/**
 * Greeting and purchase entry; install after the conversations are created,
 * so text reaches a running purchase first and only starts one otherwise.
 */
export function menuFeature(deps: MenuDeps): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  const menus = new StartMenus();

  composer.command("start", async (ctx) => {
    await deps.users.remember({ id: ctx.from.id, firstName: ctx.from.first_name, username: ctx.from.username ?? null });
    const link = parseDeepLink(ctx.match);
    if (link?.kind === "plan") {
      await ctx.conversation.enter(PURCHASE_CONVERSATION, { planId: link.planId });
      return;
    }
    if (link?.kind === "buy") {
      // A country code is searched as typed: the search says it is not sold and offers what covers it.
      await ctx.conversation.enter(PURCHASE_CONVERSATION, link.countryCode ? { query: link.countryCode } : {});
      return;
    }
    const l = await viewLocale(ctx);
    await ctx.reply(ctx.t("start-greeting", { name: escapeHtml(ctx.from.first_name) }), {
      parse_mode: "HTML",
      reply_markup: menus.get(l, popularOnSale(deps)),
    });
  });

  composer.command("buy", (ctx) => ctx.conversation.enter(PURCHASE_CONVERSATION, ctx.match.trim() ? { query: ctx.match } : {}));
  composer.callbackQuery(MENU.buy, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PURCHASE_CONVERSATION);
  });
  // No purchase is running (it would have taken the text): a destination, or a whole request, starts one.
  composer.on("message:text").filter(
    (ctx) => !ctx.message.text.startsWith("/"),
    (ctx) => ctx.conversation.enter(PURCHASE_CONVERSATION, { query: ctx.message.text }),
  );
  return composer;
}

function popularOnSale({ catalog, popularCountries }: MenuDeps): DestinationRef[] {
  return popularCountries
    .map((code): DestinationRef => ({ kind: "country", code }))
    .filter((destination) => catalog.sells(destination))
    .slice(0, MENU_DESTINATIONS);
}

/** Most /start menus kept (one per language and set of popular destinations on sale). */
const KEPT_MENUS = 32;

/**
 * The /start menus, built once per language and set of popular destinations on
 * sale (the catalog's refresh can change that set): every /start showed the
 * same few keyboards, each built from a dozen translations.
 */
class StartMenus {
  readonly #kept = new KeptViews<InlineKeyboard>(KEPT_MENUS);

  get(l: ViewLocale, destinations: readonly DestinationRef[]): InlineKeyboard {
    const key = `${l.locale}|${destinations.map((destination) => START.destination(destination)).join(",")}`;
    return this.#kept.get(key, () => startMenu(l, destinations));
  }
}

/** Popular destinations (one tap to their plans), then Buy, My eSIMs, Language and Help. */
function startMenu(l: ViewLocale, destinations: readonly DestinationRef[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  destinations.forEach((destination, index) => {
    if (index > 0 && index % 3 === 0) keyboard.row();
    keyboard.text(destinationLabel(destination, l.locale, l.t), START.destination(destination));
  });
  return keyboard
    .row()
    .text(l.t("menu-buy"), MENU.buy)
    .text(l.t("menu-mysims"), MENU.mysims)
    .row()
    .text(l.t("menu-language"), MENU.language)
    .text(l.t("menu-help"), MENU.help);
}
