/**
 * Telegram Payments: pre-checkout checks and successful payments. Installed
 * before the conversations plugin, so a waiting conversation never swallows a
 * payment. Both handlers are idempotent: a duplicate update changes nothing.
 */
import { Composer } from "grammy";
import { formatPrice } from "../../domain/pricing.ts";
import type { FulfilmentService } from "../../services/fulfilment.ts";
import type { OrderService } from "../../services/orders.ts";
import type { OperatorAlerts, StarRefunds } from "../../services/ports.ts";
import type { BotContext } from "../context.ts";

/** What the payment handlers need. */
export interface PaymentsDeps {
  orders: OrderService;
  fulfilment: Pick<FulfilmentService, "settleDuplicatePayment">;
  refunds: StarRefunds;
  operator: Pick<OperatorAlerts, "unknownPayment">;
  /** Called after a new payment is recorded, to start fulfilment at once. */
  onOrderPaid(): void;
}

/** The payment handlers. */
export function paymentsFeature(deps: PaymentsDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on("pre_checkout_query", async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const result = await deps.orders.checkPreCheckout({
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
    const result = await deps.orders.recordPayment({
      orderId: payment.invoice_payload,
      userId: ctx.from.id,
      telegramChargeId: payment.telegram_payment_charge_id,
      providerChargeId: payment.provider_payment_charge_id || null,
      currency: payment.currency,
      amount: payment.total_amount,
    });
    ctx.log.info({ orderId: payment.invoice_payload, result: result.kind }, "successful payment");
    switch (result.kind) {
      case "recorded":
        await ctx.reply(ctx.t("payment-received"));
        deps.onOrderPaid();
        return;
      case "already-recorded":
        return; // The same update again: it was handled the first time.
      case "duplicate-payment":
        await deps.fulfilment.settleDuplicatePayment(result.order, result.payment);
        return;
      case "unknown-order": {
        const price = formatPrice(payment.total_amount, payment.currency, await ctx.i18n.getLocale());
        const report = {
          payload: payment.invoice_payload,
          userId: ctx.from.id,
          price,
          chargeId: payment.telegram_payment_charge_id,
        };
        if (payment.currency === "XTR") {
          await deps.refunds.refundStarPayment(ctx.from.id, payment.telegram_payment_charge_id);
          await ctx.reply(ctx.t("payment-unknown-order-refunded"));
        } else {
          await ctx.reply(ctx.t("payment-unknown-order-manual"));
        }
        await deps.operator.unknownPayment(report);
        return;
      }
    }
  });

  return composer;
}
