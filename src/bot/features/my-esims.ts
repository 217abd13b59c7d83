/**
 * My eSIMs (/mysims, the menu button, /start mysims): the user's eSIMs with
 * their balance, paged; one eSIM's card with Top up, Refresh, Show QR again
 * and Install on iPhone. Installed before the conversations, so checking a
 * balance in the middle of a purchase leaves the purchase where it was.
 * Every button names an eSIM id that is checked against the presser.
 */
import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { ShopComposer } from "../composer.ts";
import { appleInstallUrl } from "../../domain/lpa.ts";
import type { Esim } from "../../domain/order.ts";
import type { BalanceService, EsimPage } from "../../services/balance.ts";
import { destinationFromCode } from "../../services/catalog.ts";
import { MENU, MY_ESIMS, parseMyEsimsButton, RENEW, TOP_UP } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { parseDeepLink } from "../deep-links.ts";
import { sendEsimInstall } from "../esim-install.ts";
import { balanceCard, checkedText, esimDestination } from "../esim-views.ts";
import { isNotModified, type View } from "../view.ts";
import { viewLocale, type ViewLocale } from "../view-locale.ts";

/** eSIMs per page of the list. */
export const ESIMS_PER_PAGE = 5;

/** What My eSIMs needs. */
export interface MyEsimsDeps {
  balance: BalanceService;
  now: () => Date;
}

/** The My eSIMs handlers (private chats). */
export function myEsimsFeature(deps: MyEsimsDeps): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();

  /** The list (or the only eSIM's card) for a page. */
  const listView = async (ctx: PrivateContext, page: number): Promise<View> => {
    const l = await viewLocale(ctx);
    const listed = await deps.balance.page(ctx.from.id, page, ESIMS_PER_PAGE);
    const only = listed.total === 1 ? listed.esims[0] : undefined;
    if (only) return cardView(l, only, 1, ctx.me.username, deps.now());
    return pageView(l, listed, deps.now(), ctx.me.username);
  };

  const sendList = async (ctx: PrivateContext) => {
    const view = await listView(ctx, 0);
    await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard, link_preview_options: { is_disabled: true } });
  };

  /** Replaces the pressed message with a view; a view that did not change is left alone. */
  const edit = async (ctx: PrivateContext, view: View) => {
    try {
      await ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard, link_preview_options: { is_disabled: true } });
    } catch (error) {
      if (!isNotModified(error)) throw error;
    }
  };

  /** The presser's eSIM named in the button, or a polite refusal. */
  const ownEsim = async (ctx: PrivateContext, esimId: string): Promise<Esim | null> => {
    const esim = await deps.balance.one(ctx.from.id, esimId);
    if (!esim) await ctx.answerCallbackQuery({ text: ctx.t("esim-not-yours"), show_alert: true });
    return esim;
  };

  const totalOf = (ctx: PrivateContext) => deps.balance.count(ctx.from.id);

  composer.command("mysims", sendList);
  composer.command("start", async (ctx, next) => {
    if (parseDeepLink(ctx.match)?.kind === "my-esims") await sendList(ctx);
    else await next();
  });
  composer.callbackQuery(MENU.mysims, async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendList(ctx);
  });

  /** One eSIM's card, or the same card with fresher figures. */
  const showCard = async (ctx: PrivateContext, esimId: string, refresh: boolean) => {
    const esim = await ownEsim(ctx, esimId);
    if (!esim) return;
    const l = await viewLocale(ctx);
    // Within the cache window the figures are the last reading's: the answer says how fresh they are.
    const checked = refresh ? checkedText(esim, l, deps.now()) : "";
    await ctx.answerCallbackQuery(checked ? { text: checked } : undefined);
    await edit(ctx, cardView(l, esim, await totalOf(ctx), ctx.me.username, deps.now()));
  };

  /** The QR and manual details again, while the eSIM is not installed yet. */
  const resendQr = async (ctx: PrivateContext, esimId: string) => {
    const esim = await ownEsim(ctx, esimId);
    if (!esim) return;
    if (esim.status !== "issued") {
      await ctx.answerCallbackQuery({ text: ctx.t("esim-qr-installed"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendEsimInstall(ctx.api, ctx.chat.id, esim, ctx.t);
  };

  composer.on("callback_query:data", async (ctx, next) => {
    const button = parseMyEsimsButton(ctx.callbackQuery.data);
    if (!button) return next();
    if (button.kind === "page") {
      await ctx.answerCallbackQuery();
      await edit(ctx, await listView(ctx, button.page));
    } else if (button.kind === "qr") {
      await resendQr(ctx, button.esimId);
    } else {
      await showCard(ctx, button.esimId, button.kind === "refresh");
    }
  });

  return composer;
}

/** One page of the list: every eSIM's balance, a button per eSIM, pager, inline mode. */
function pageView(l: ViewLocale, listed: EsimPage, now: Date, botUsername: string): View {
  const keyboard = new InlineKeyboard();
  if (listed.total === 0) {
    return { text: l.t("mysims-empty"), keyboard: keyboard.text(l.t("menu-buy"), MENU.buy) };
  }
  const cards = listed.esims.map((esim) => balanceCard(esim, l, now));
  for (const esim of listed.esims) {
    const { flag, name } = esimDestination(esim, l);
    keyboard.text(`${flag} ${name} ·${esim.iccid.slice(-4)}`, MY_ESIMS.card(esim.id)).row();
  }
  if (listed.pages > 1) {
    if (listed.page > 0) keyboard.text("‹", MY_ESIMS.page(listed.page - 1));
    keyboard.text(`${listed.page + 1}/${listed.pages}`, MY_ESIMS.page(listed.page));
    if (listed.page < listed.pages - 1) keyboard.text("›", MY_ESIMS.page(listed.page + 1));
    keyboard.row();
  }
  keyboard.switchInlineCurrent(l.t("mysims-inline-button", { bot: botUsername }), "");
  const header = l.t("mysims-header", { count: listed.total });
  return { text: [header, ...cards].join("\n\n"), keyboard };
}

/** One eSIM's card with its actions. */
function cardView(l: ViewLocale, esim: Esim, total: number, botUsername: string, now: Date): View {
  const keyboard = new InlineKeyboard();
  if (esim.status === "expired") {
    keyboard.text(l.t("notify-buy-again-button"), RENEW.data(destinationFromCode(esim.destinationCode)));
  } else {
    keyboard.text(l.t("notify-topup-button"), TOP_UP.options(esim.id));
    keyboard.text(l.t("esim-refresh-button"), MY_ESIMS.refresh(esim.id));
  }
  if (esim.status === "issued") {
    keyboard.row().text(l.t("esim-qr-button"), MY_ESIMS.qr(esim.id));
    keyboard.url(l.t("delivery-install-iphone"), appleInstallUrl(esim));
  }
  keyboard.row();
  if (total > 1) keyboard.text(l.t("mysims-back-button"), MY_ESIMS.page(0));
  keyboard.switchInlineCurrent(l.t("mysims-inline-button", { bot: botUsername }), "");
  return { text: balanceCard(esim, l, now), keyboard };
}
