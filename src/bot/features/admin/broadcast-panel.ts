/**
 * The broadcast conversation's panel: the message under the preview, edited
 * in place as the operator chooses the audience and confirms. Its buttons
 * are the only ones the conversation listens to; anything else gets a hint.
 */
import { BROADCAST_PREFIX, parseBroadcastButton, type BroadcastButton } from "../../callback-data.ts";
import type { BotConversation, ConversationContext } from "../../context.ts";
import { isNotModified, type View } from "../../view.ts";

/** A press of a panel button (null: data no builder made); it must be answered. */
export interface PanelPress {
  button: BroadcastButton | null;
  ctx: ConversationContext;
}

/** The panel of one conversation run (rebuilt on every replay). */
export class BroadcastPanel {
  #messageId: number | undefined;

  constructor(
    private readonly conversation: BotConversation,
    private readonly chatId: number,
    /** The latest update's context: its `api` and `t` are the ones to use. */
    public ctx: ConversationContext,
  ) {}

  /** Shows a view: edits the panel, or sends it when there is none below the latest preview. */
  async show(view: View): Promise<void> {
    const options = { parse_mode: "HTML" as const, reply_markup: view.keyboard };
    if (this.#messageId !== undefined) {
      try {
        await this.ctx.api.editMessageText(this.chatId, this.#messageId, view.text, options);
        return;
      } catch (error) {
        if (isNotModified(error)) return;
      }
    }
    this.#messageId = (await this.ctx.api.sendMessage(this.chatId, view.text, options)).message_id;
  }

  /**
   * Leaves the panel behind: replaced by a last text without buttons, or
   * only without its buttons; the next `show` sends a new panel.
   */
  async close(text?: string): Promise<void> {
    const messageId = this.#messageId;
    this.#messageId = undefined;
    if (messageId === undefined) return;
    const edit =
      text === undefined
        ? this.ctx.api.editMessageReplyMarkup(this.chatId, messageId, { reply_markup: undefined })
        : this.ctx.api.editMessageText(this.chatId, messageId, text, { parse_mode: "HTML" });
    // Too old or already gone: its buttons are answered as no longer active anyway.
    await edit.catch(() => undefined);
  }

  /** Waits for a press of one of the panel's buttons. */
  async next(): Promise<PanelPress> {
    const update = await this.conversation.waitUntil(
      (c) => c.callbackQuery?.data?.startsWith(BROADCAST_PREFIX) === true && c.callbackQuery.message?.message_id === this.#messageId,
      {
        otherwise: async (c) => {
          if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-not-active") });
          else if (c.message) await c.reply(c.t("broadcast-use-buttons"));
        },
      },
    );
    this.ctx = update;
    return { button: parseBroadcastButton(update.callbackQuery?.data ?? ""), ctx: update };
  }
}
