/**
 * Telegram Payments: turns the payments service's decisions into answers and
 * replies. Installed before the conversations plugin, so a waiting
 * conversation never swallows a payment. Every decision about money (and
 * its idempotency) lives in src/services/payments.ts.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../composer.ts";
import type { PaymentOutcome, PaymentsService } from "../../services/payments.ts";
import type { BotContext } from "../context.ts";

/** The message the payer reads about their payment; none when they already heard, or hear by another message. */
function replyKey(outcome: PaymentOutcome): string | undefined {
  switch (outcome.kind) {
    case "recorded":
      return "payment-received";
    case "unmatched":
      return outcome.automatic ? "payment-unmatched-refunding" : "payment-unmatched-manual";
    // Stryker disable next-line ConditionalExpression: equivalent, without this case the switch ends and returns undefined all the same
    case "already-recorded":
      return undefined; // The same update again: it was answered the first time.
    // Stryker disable next-line ConditionalExpression: equivalent, as above
    case "duplicate-payment":
      return undefined; // The buyer hears about the refund by message once it is made (or that the team will make it).
  }
}

/** The payment handlers. */
export function paymentsFeature(payments: Pick<PaymentsService, "checkPreCheckout" | "takePayment">): Composer<BotContext> {
  const composer = new ShopComposer<BotContext>();

  composer.on("pre_checkout_query", async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const result = await payments.checkPreCheckout({
      orderId: query.invoice_payload,
      userId: query.from.id,
      currency: query.currency,
      totalAmount: query.total_amount,
    });
    ctx.log.info({ orderId: query.invoice_payload, ok: result.ok, reason: result.ok ? undefined : result.reason }, "pre-checkout");
    if (result.ok) await ctx.answerPreCheckoutQuery(true);
    else await ctx.answerPreCheckoutQuery(false, { error_message: ctx.t(`precheckout-${result.reason}`) });
  });

  composer.on("message:successful_payment", async (ctx) => {
    const payment = ctx.message.successful_payment;
    const report = {
      orderId: payment.invoice_payload,
      userId: ctx.from.id,
      telegramChargeId: payment.telegram_payment_charge_id,
      providerChargeId: payment.provider_payment_charge_id || null,
      currency: payment.currency,
      amount: payment.total_amount,
      language: await ctx.i18n.getLocale(),
    };
    await payments.takePayment(report, async (outcome) => {
      ctx.log.info({ orderId: report.orderId, result: outcome.kind }, "successful payment");
      const key = replyKey(outcome);
      if (key) await ctx.reply(ctx.t(key));
    });
  });

  return composer;
}
