/** Telegram Stars: the bot's transaction history and refunds of Stars payments. */
import { badRequest } from "../api-error.ts";
import type { MethodTable } from "./method.ts";

/** Handlers for the bot's Stars. */
export const starMethods: MethodTable = {
  // Telegram's server clamps both instead of rejecting them: offset ≥ 0, limit 1–100 (100 by default).
  getStarTransactions: ({ params, state }) => {
    const offset = Math.max(params.optionalInt("offset") ?? 0, 0);
    const limit = Math.min(Math.max(params.optionalInt("limit") ?? 100, 1), 100);
    return { transactions: state.starLedger.page(offset, limit) };
  },

  refundStarPayment: ({ params, state }) => {
    const userId = params.int("user_id");
    const chargeId = params.string("telegram_payment_charge_id");
    if (state.chats.get(userId)?.chat.type !== "private") throw badRequest("user not found");
    const payment = state.payments.get(chargeId);
    if (!payment || payment.userId !== userId || payment.currency !== "XTR") throw badRequest("CHARGE_NOT_FOUND");
    if (payment.refunded) throw badRequest("CHARGE_ALREADY_REFUNDED");
    const date = state.nowSeconds();
    payment.refunded = true;
    payment.refundedAt = date;
    state.starLedger.recordRefund(chargeId, date);
    state.signal.notify();
    return true;
  },
};
