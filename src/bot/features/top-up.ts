/**
 * Top-up from My eSIMs, a notification or a deep link (/start topup_<esim>):
 * the options sold for the eSIM's destination, then an invoice. Payment and
 * fulfilment are the purchase's (features/payments.ts, services/fulfilment.ts):
 * a top-up is an order. Installed before the conversations, like My eSIMs.
 */
import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { ShopComposer } from "../composer.ts";
import { formatData } from "../../domain/data-amount.ts";
import { dataLeftMb, type Esim } from "../../domain/order.ts";
import { formatPrice } from "../../domain/pricing.ts";
import { destinationFromCode } from "../../services/catalog.ts";
import type { OrderService, TopUpRefusal } from "../../services/orders.ts";
import { MY_ESIMS, parseTopUpButton, RENEW, TOP_UP } from "../callback-data.ts";
import type { PrivateContext } from "../context.ts";
import { parseDeepLink } from "../deep-links.ts";
import { esimDestination, validityText } from "../esim-views.ts";
import { viewLocale, type ViewLocale } from "../view-locale.ts";
import { escapeHtml } from "../html.ts";
import { sendInvoice } from "../invoice.ts";
import { requestKeyOf } from "../request-key.ts";

/** Options shown at most; the destination's plans, smallest first. */
const MAX_OPTIONS = 12;

/** What top-ups need. */
export interface TopUpDeps {
  orders: OrderService;
  /** Empty for Telegram Stars. */
  paymentProviderToken: string;
  now: () => Date;
}

/** The top-up handlers (private chats). */
export function topUpFeature(deps: TopUpDeps): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();

  /** Sends the options for an eSIM, or says why there are none. */
  const offer = async (ctx: PrivateContext, esimId: string) => {
    const l = await viewLocale(ctx);
    const result = await deps.orders.topUpOptions(ctx.from.id, esimId);
    if (!result.ok) {
      // Stryker disable next-line ConditionalExpression: refuse() checks "not-yours" before it looks at the eSIM, so passing it changes nothing.
      await refuse(ctx, l, result.reason, result.reason === "not-yours" ? undefined : result.esim);
      return;
    }
    const { esim, plans } = result;
    const keyboard = new InlineKeyboard();
    for (const plan of plans.slice(0, MAX_OPTIONS)) {
      const data = TOP_UP.choose(esim.id, plan.id);
      if (data === null) continue;
      const label = l.t("topup-option", {
        data: formatData(plan.dataMb),
        days: plan.validityDays,
        price: formatPrice(plan.price, plan.currency, l.locale),
      });
      keyboard.text(label, data).row();
    }
    keyboard.text(l.t("topup-cancel-button"), MY_ESIMS.card(esim.id));
    const { flag, name } = esimDestination(esim, l);
    const text = l.t("topup-choose", {
      flag,
      destination: escapeHtml(name),
      tail: esim.iccid.slice(-4),
      left: formatData(dataLeftMb(esim)),
      validity: validityText(esim, l, deps.now()),
    });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  };

  /** Creates the top-up order for the option chosen and sends its invoice. */
  const choose = async (ctx: PrivateContext, esimId: string, planId: string) => {
    const l = await viewLocale(ctx);
    const result = await deps.orders.createTopUp({
      userId: ctx.from.id,
      chatId: ctx.chat.id,
      esimId,
      planId,
      languageCode: l.locale,
      requestKey: requestKeyOf(ctx),
    });
    if (!result.ok && result.reason === "not-sold") {
      // An option from an older message that is no longer sold; the others may still be.
      await ctx.answerCallbackQuery({ text: l.t("topup-option-gone"), show_alert: true });
      return;
    }
    if (!result.ok) {
      await refuse(ctx, l, result.reason, result.esim);
      return;
    }
    await ctx.answerCallbackQuery();
    const { order, esim } = result;
    const { name } = esimDestination(esim, l);
    // The options stay usable until paid: pressing another one makes another invoice.
    const texts = {
      title: l.t("topup-invoice-title", { destination: name }),
      description: l.t("topup-invoice-description", { data: formatData(order.dataMb), days: order.validityDays, tail: esim.iccid.slice(-4) }),
      label: l.t("topup-invoice-label", { data: formatData(order.dataMb), days: order.validityDays }),
    };
    try {
      await sendInvoice(ctx.api, ctx.chat.id, order, texts, deps.paymentProviderToken);
    } catch (error) {
      // Nothing was charged: say so instead of leaving the traveller waiting for an invoice.
      ctx.log.error({ err: error, orderId: order.id }, "Telegram refused the invoice");
      await ctx.reply(l.t("topup-invoice-failed"));
    }
  };

  composer.command("start", async (ctx, next) => {
    const link = parseDeepLink(ctx.match);
    if (link?.kind === "top-up") await offer(ctx, link.esimId);
    else await next();
  });

  composer.on("callback_query:data", async (ctx, next) => {
    const button = parseTopUpButton(ctx.callbackQuery.data);
    if (!button) return next();
    if (button.kind === "options") await offer(ctx, button.esimId);
    else await choose(ctx, button.esimId, button.planId);
  });

  return composer;
}

/** Someone else's eSIM, an expired one (→ buy again), or nothing sold for it. Answers the button. */
async function refuse(ctx: PrivateContext, l: ViewLocale, reason: TopUpRefusal, esim: Esim | undefined): Promise<void> {
  // Stryker disable next-line ConditionalExpression: a "not-yours" refusal never carries the eSIM, so `!esim` alone decides the same.
  if (reason === "not-yours" || !esim) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: l.t("esim-not-yours"), show_alert: true });
    else await ctx.reply(l.t("esim-not-yours"));
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  const { flag, name } = esimDestination(esim, l);
  const vars = { flag, destination: escapeHtml(name) };
  const keyboard = new InlineKeyboard().text(l.t("notify-buy-again-button"), RENEW.data(destinationFromCode(esim.destinationCode)));
  const key = reason === "expired" ? "topup-expired" : "topup-not-sold";
  await ctx.reply(l.t(key, vars), { parse_mode: "HTML", reply_markup: keyboard });
}
