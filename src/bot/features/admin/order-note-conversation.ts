/**
 * The note an action needs: Mark resolved, and a card payment marked
 * refunded outside the shop. Asks for the note, shows it back with Confirm
 * and Cancel, then acts through the operator service inside
 * `conversation.external` (which re-checks ADMIN_IDS and names the card
 * version the operator started from, so a replay acts once).
 */
import { InlineKeyboard } from "grammy";
import type { OrderActions } from "../../../services/operator/order-actions.ts";
import { ADMIN_ORDER, ORDER_NOTE } from "../../callback-data.ts";
import type { BotConversation, ConversationContext } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { actionResultText } from "./order-results.ts";

/** The conversation's id, for ctx.conversation.enter(). */
export const ORDER_NOTE_CONVERSATION = "order-note";

/** The actions that take a note. */
export type NoteAction = "resolve" | "refund";

/** Builds the conversation function with its dependencies. */
export function createOrderNoteConversation(deps: { actions: OrderActions }) {
  return async function orderNote(conversation: BotConversation, ctx: ConversationContext, action: NoteAction, orderId: string, version: number) {
    const operatorId = ctx.from?.id;
    if (operatorId === undefined) return;
    const cancel = new InlineKeyboard().text(ctx.t("order-note-cancel"), ORDER_NOTE.cancel);
    await ctx.reply(ctx.t(`order-note-ask-${action}`, { order: orderId }), { parse_mode: "HTML", reply_markup: cancel });
    const typed = await conversation.waitUntil((c) => isNote(c) || c.callbackQuery?.data === ORDER_NOTE.cancel, {
      otherwise: async (c) => {
        if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-not-active") });
        else await c.reply(c.t("order-note-hint"));
      },
    });
    if (typed.callbackQuery) {
      await typed.answerCallbackQuery();
      await typed.editMessageText(typed.t("order-note-cancelled"), { reply_markup: new InlineKeyboard().text(typed.t("order-open"), ADMIN_ORDER.card(orderId)) });
      return;
    }
    const note = typed.message?.text ?? "";
    const buttons = new InlineKeyboard().text(typed.t("order-note-confirm"), ORDER_NOTE.confirm).text(typed.t("order-note-cancel"), ORDER_NOTE.cancel);
    await typed.reply(typed.t(`order-note-check-${action}`, { order: orderId, note: escapeHtml(note) }), { parse_mode: "HTML", reply_markup: buttons });
    const press = await conversation.waitForCallbackQuery([ORDER_NOTE.confirm, ORDER_NOTE.cancel], {
      otherwise: async (c) => {
        if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-not-active") });
        else await c.reply(c.t("order-note-use-buttons"));
      },
    });
    const open = new InlineKeyboard().text(press.t("order-open"), ADMIN_ORDER.card(orderId));
    if (press.callbackQuery.data === ORDER_NOTE.cancel) {
      await press.answerCallbackQuery();
      await press.editMessageText(press.t("order-note-cancelled"), { reply_markup: open });
      return;
    }
    const result = await conversation.external(() =>
      action === "resolve" ? deps.actions.resolveOrder(operatorId, orderId, version, note) : deps.actions.refundOrder(operatorId, orderId, version, note),
    );
    if (result.kind === "refused") {
      await press.answerCallbackQuery({ text: press.t("button-expired") });
      return;
    }
    const text = actionResultText(result, press.t);
    await press.answerCallbackQuery({ text });
    await press.editMessageText(text, { reply_markup: open });
  };
}

/** A typed message that is not a command (/cancel leaves every conversation before it gets here). */
function isNote(ctx: ConversationContext): boolean {
  const text = ctx.message?.text;
  return typeof text === "string" && !text.startsWith("/") && text.trim() !== "";
}
