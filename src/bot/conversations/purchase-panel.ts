/**
 * The purchase conversation's "panel": one message edited in place as the
 * traveller moves on. After the traveller types, the next step is sent as a
 * new message and the old one loses its buttons. Buttons on older messages
 * are answered politely and ignored.
 */
import { BUY_PREFIX, parseBuyButton, type BuyButton } from "../callback-data.ts";
import type { ConversationContext } from "../context.ts";
import { isNotModified, type View } from "../view.ts";
import { viewLocale, type ViewLocale } from "../view-locale.ts";
import type { BotConversation as PurchaseConversation } from "../context.ts";

/** A press of one of the panel's buttons; `button` is null for data no builder made. It must be answered. */
export interface Press {
  kind: "button";
  button: BuyButton | null;
  ctx: ConversationContext;
}

/** What the traveller did: pressed a button of the panel, or typed text (not a command). */
export type Action = Press | { kind: "text"; text: string };

/** The panel of one conversation run (conversations replay, so it is rebuilt on every replay). */
export class Panel {
  #current: ConversationContext;
  #messageId: number | undefined;
  #fresh = true;
  #inputs = 0;
  /** A run that resumes another takes the update it was entered with as its first input. */
  #pending: ConversationContext | undefined;

  /**
   * @param resumedAt the panel message of the run this one resumes; `ctx`
   *   is then that run's last input, and the first `next()` returns it.
   */
  constructor(
    private readonly conversation: PurchaseConversation,
    ctx: ConversationContext,
    private readonly chatId: number,
    resumedAt?: number,
  ) {
    this.#current = ctx;
    if (resumedAt !== undefined) {
      this.#messageId = resumedAt;
      this.#fresh = false;
      this.#pending = ctx;
    }
  }

  /** How many inputs (presses and texts) this run has taken. */
  get inputs(): number {
    return this.#inputs;
  }

  /** The message the panel is shown in, once shown. */
  get messageId(): number | undefined {
    return this.#messageId;
  }

  /** The language of the latest update. */
  locale(): Promise<ViewLocale> {
    return viewLocale(this.#current);
  }

  /** The latest update's context (its `api` is the conversation's). */
  get ctx(): ConversationContext {
    return this.#current;
  }

  /** Shows a view: edits the panel, or sends a new one after the traveller typed. */
  async show(view: View): Promise<void> {
    const options = { parse_mode: "HTML" as const, reply_markup: view.keyboard };
    if (this.#messageId !== undefined && !this.#fresh) {
      try {
        await this.#current.api.editMessageText(this.chatId, this.#messageId, view.text, options);
        return;
      } catch (error) {
        if (isNotModified(error)) return;
      }
    }
    if (this.#messageId !== undefined) await this.#retire(this.#messageId);
    const sent = await this.#current.api.sendMessage(this.chatId, view.text, options);
    this.#messageId = sent.message_id;
    this.#fresh = false;
  }

  /** Replaces the panel with a last text and no buttons (the conversation ends). */
  async close(text: string): Promise<void> {
    if (this.#messageId === undefined) return;
    await this.#current.api.editMessageText(this.chatId, this.#messageId, text).catch(() => undefined);
  }

  /** Waits for a button of the panel or typed text; anything else gets a polite hint. */
  async next(): Promise<Action> {
    this.#inputs += 1;
    const update = this.#pending ?? (await this.#wait());
    this.#pending = undefined;
    this.#current = update;
    const data = update.callbackQuery?.data;
    if (data !== undefined) return { kind: "button", button: parseBuyButton(data), ctx: update };
    this.#fresh = true;
    return { kind: "text", text: update.message?.text ?? "" };
  }

  #wait(): Promise<ConversationContext> {
    return this.conversation.waitUntil(
      (c) =>
        (c.callbackQuery?.data?.startsWith(BUY_PREFIX) === true && c.callbackQuery.message?.message_id === this.#messageId) ||
        (typeof c.message?.text === "string" && !c.message.text.startsWith("/")),
      {
        otherwise: async (c) => {
          if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-not-active") });
          else if (c.message) await c.reply(c.t("buy-use-buttons"));
        },
      },
    );
  }

  /** Removes the buttons of an old panel so they cannot be pressed. */
  async #retire(messageId: number): Promise<void> {
    try {
      await this.#current.api.editMessageReplyMarkup(this.chatId, messageId, { reply_markup: undefined });
    } catch {
      // Already gone or too old to edit: its buttons are answered as stale anyway.
    }
  }
}

/** Answers a press (stops the button's spinner), with a short note if given. */
export async function answer(press: Press, text?: string): Promise<void> {
  await press.ctx.answerCallbackQuery(text ? { text } : undefined);
}
