/**
 * A Telegram user driven by a test: types, presses inline buttons by their
 * label, pays invoices and reads what the bot showed in the chat.
 *
 * Waiting is race-free: every action (send, press, pay, …) moves the user's
 * marker to "now", and `waitFor*` looks at what happened in the chat since
 * that marker, including what happened before the wait was called. A message
 * matches if it matched right after the event or matches now; the live record
 * is returned (it reflects later edits and `deleted`).
 */
import type { InlineKeyboardButton, InlineQueryResult, MessageEntity, Update, User } from "grammy/types";
import { askPreCheckout, chargeInvoice, forgedPayment, payArguments, type PaymentOutcome, type PayOptions } from "./checkout.ts";
import { toVisibleMessage, type ChatRecord, type SentInvoice, type VisibleMessage } from "./chats.ts";
import { inlineButtons } from "./markup.ts";
import { describeMatch, describeMessage, toPredicate, type MessageMatch } from "./message-match.ts";
import type { CallbackAnswer, EmulatorState } from "./state.ts";
import {
  blockChange,
  photoMessage,
  stickerMessage,
  successfulPaymentMessage,
  textMessage,
  type IncomingMessage,
} from "./updates.ts";

/** Who the user is. Ids default to a fresh number per emulator. */
export interface TestUserOptions {
  id?: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  /** "en" by default; grammY's i18n picks the locale from it. */
  language_code?: string;
  /**
   * Whether the user has opened the bot before (true by default). With false,
   * the bot's sends fail with 403 "bot can't initiate conversation with a user"
   * until the user writes first.
   */
  started?: boolean;
}

/** Where and how long to wait. A number is a timeout in ms. */
export interface WaitOptions {
  /** 5000 by default. */
  timeoutMs?: number;
  /** A chat event marker from `mark()`; the user's last action by default. */
  since?: number;
  /** Another chat to watch (e.g. a group); the private chat by default. */
  chatId?: number;
}

export type { ForgedPayment, PaymentOutcome, PayOptions } from "./checkout.ts";
export type { MessageMatch } from "./message-match.ts";

const DEFAULT_TIMEOUT_MS = 5000;
const PRE_CHECKOUT_TIMEOUT_MS = 10_000;
/** The group `sendInGroup` uses unless told otherwise. */
export const DEFAULT_GROUP_ID = -1001234567890;

/** A user in a private chat with the bot (chat id = user id). */
export class TestUser {
  /** The Telegram user object put into updates. */
  readonly user: User;
  readonly #state: EmulatorState;
  readonly #chat: ChatRecord;
  readonly #paymentUpdates = new Map<string, Update>();
  #since: number;

  /**
   * Use `emulator.user()` rather than this constructor.
   * @param state the emulator's state
   * @param options who the user is
   */
  constructor(state: EmulatorState, options: TestUserOptions = {}) {
    this.#state = state;
    const user: User = {
      id: options.id ?? 100_000 + state.nextNumber(),
      is_bot: false,
      first_name: options.first_name ?? "Test",
      language_code: options.language_code ?? "en",
    };
    if (options.last_name !== undefined) user.last_name = options.last_name;
    user.username = options.username ?? `test_user_${user.id}`;
    this.user = user;
    this.#chat = state.chats.privateChat(user, options.started ?? true);
    this.#since = state.chats.mark();
  }

  /** The user's id, which is also the private chat's id. */
  get id(): number {
    return this.user.id;
  }

  /** The private chat's id. */
  get chatId(): number {
    return this.#chat.chat.id;
  }

  /** A chat event marker for `since`: "from now on". */
  mark(): number {
    return this.#state.chats.mark();
  }

  /**
   * Types a message in the private chat ("/cmd args" gets a bot_command
   * entity); `entities` formats it instead (bold, links…), as Telegram
   * clients send formatted text.
   */
  send(text: string, entities?: MessageEntity[]): Update {
    this.#startAction();
    return this.#post(this.#chat, (base) =>
      textMessage({ ...base, chat: this.#chat.chat, from: this.user, text, ...(entities ? { entities } : {}) }),
    );
  }

  /**
   * Sends a photo in the private chat, with an optional formatted caption.
   * The emulator issues its file_id, so the bot can send the photo on by id.
   * Returns the update; the file_id is in `update.message.photo`.
   */
  sendPhoto(options: { caption?: string; captionEntities?: MessageEntity[] } = {}): Update {
    this.#startAction();
    const n = this.#state.nextNumber();
    const file = { fileId: `AgACAgIAAxkBAAIuser${n}`, fileUniqueId: `AQADuser${n}` };
    this.#state.files.set(file.fileId, file);
    const photo = [{ file_id: file.fileId, file_unique_id: file.fileUniqueId, width: 1280, height: 720 }];
    return this.#post(this.#chat, (base) => photoMessage({ ...base, chat: this.#chat.chat, from: this.user, photo, ...options }));
  }

  /** Sends a sticker in the private chat. */
  sendSticker(emoji?: string): Update {
    this.#startAction();
    return this.#post(this.#chat, (base) =>
      stickerMessage({ ...base, chat: this.#chat.chat, from: this.user, ...(emoji === undefined ? {} : { emoji }) }),
    );
  }

  /** Types a message in a group (created on first use); wait for replies with `{ chatId: groupId }`. */
  sendInGroup(text: string, groupId = DEFAULT_GROUP_ID, title = "Test group"): Update {
    this.#since = this.#state.chats.mark();
    const group = this.#state.chats.groupChat(groupId, title);
    return this.#post(group, (base) => textMessage({ ...base, chat: group.chat, from: this.user, text }));
  }

  /**
   * Presses the inline button labelled exactly `label` on the most recent bot
   * message that has one; when no button matches exactly, a button whose label
   * contains `label` (it must be the only such button on that message).
   * Returns the callback query id (see `waitForCallbackAnswer`).
   */
  press(label: string): string {
    const { message, button } = this.findButton(label);
    if (!("callback_data" in button)) {
      const kind = Object.keys(button).filter((key) => key !== "text").join(", ");
      throw new Error(`Button "${button.text}" on message #${message.message_id} is not a callback button (${kind}).`);
    }
    this.#startAction();
    return this.#queueCallback(message, button.callback_data);
  }

  /**
   * Sends a callback query with arbitrary (forged or stale) data, as if from a
   * button on message `messageId` (the last bot message by default).
   */
  pressData(data: string, messageId?: number): string {
    const message = messageId === undefined ? this.lastMessage() : this.#chat.find(messageId);
    if (!message) throw new Error(`pressData: no bot message ${messageId ?? ""} in chat ${this.chatId}.`);
    this.#startAction();
    return this.#queueCallback(message, data);
  }

  /** The button `press(label)` would press, and its message; throws listing the visible buttons. */
  findButton(label: string): { message: VisibleMessage; button: InlineKeyboardButton } {
    const newestFirst = this.messages().reverse();
    for (const message of newestFirst) {
      const button = inlineButtons(message.reply_markup).find((candidate) => candidate.text === label);
      if (button) return { message, button };
    }
    for (const message of newestFirst) {
      const matches = inlineButtons(message.reply_markup).filter((candidate) => candidate.text.includes(label));
      const [first, second] = matches;
      if (first && second) {
        throw new Error(
          `Button label "${label}" is ambiguous on message #${message.message_id}: ${matches.map((b) => `"${b.text}"`).join(", ")}.`,
        );
      }
      if (first) return { message, button: first };
    }
    throw new Error(`No inline button "${label}" in chat ${this.chatId}.\nVisible buttons:\n${this.#describeButtons()}`);
  }

  /** Labels of the reply keyboard the chat currently shows (empty when none). */
  replyKeyboard(): string[] {
    return (this.#chat.replyKeyboard?.keyboard.flat() ?? []).map((button) => (typeof button === "string" ? button : button.text));
  }

  /** The bot's last visible message in the private chat. */
  lastMessage(): VisibleMessage | undefined {
    return this.messages().at(-1);
  }

  /** The bot's visible (not deleted) messages in the private chat or `chatId`, oldest first. Records are live. */
  messages(chatId = this.chatId): VisibleMessage[] {
    return this.#state.chats.get(chatId)?.botMessages() ?? [];
  }

  /** Waits for a new bot message (sent since the marker) whose text or caption matches. */
  waitForMessage(match?: MessageMatch, options?: number | WaitOptions): Promise<VisibleMessage> {
    return this.#waitForEvent("sent", "message", match, options);
  }

  /** Waits for a new bot photo (its caption matches, if a match is given). */
  waitForPhoto(match?: MessageMatch, options?: number | WaitOptions): Promise<VisibleMessage> {
    const test = toPredicate(match);
    return this.#waitForEvent("sent", "photo", (message) => message.message.photo !== undefined && test(message), options, describeMatch(match));
  }

  /** Waits for a new invoice from the bot. */
  waitForInvoice(options?: number | WaitOptions): Promise<VisibleMessage> {
    return this.#waitForEvent("sent", "invoice", (message) => message.invoice !== undefined, options, "");
  }

  /** Waits for an edit (since the marker) of any bot message, after which it matches. */
  waitForEdit(match?: MessageMatch, options?: number | WaitOptions): Promise<VisibleMessage> {
    return this.#waitForEvent("edited", "edit", match, options);
  }

  /** Waits for the bot's answerCallbackQuery to the query `press()` returned. */
  waitForCallbackAnswer(callbackQueryId: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CallbackAnswer> {
    if (!this.#state.callbackQueries.has(callbackQueryId)) {
      return Promise.reject(new Error(`Unknown callback query id ${callbackQueryId}.`));
    }
    return this.#state.signal.waitFor(
      () => this.#state.callbackQueries.get(callbackQueryId)?.answer,
      timeoutMs,
      () =>
        new Error(
          `The bot did not answer callback query ${callbackQueryId} within ${timeoutMs} ms.\nRecent calls:\n${this.#state.calls.describeRecent()}`,
        ),
    );
  }

  /**
   * Pays an invoice (the last one in this chat by default; an old one, or an
   * edited copy of one, can be paid too): queues a pre_checkout_query, waits
   * for the bot's answer and, when it is ok, takes the money with a new
   * charge id and queues the successful_payment message. `options` script a
   * lost, lost-after-fetch or forged update (see {@link PayOptions}).
   * Also `pay(options)` for the last invoice.
   */
  async pay(invoice?: VisibleMessage | SentInvoice | PayOptions, options?: PayOptions): Promise<PaymentOutcome> {
    const args = payArguments(invoice, options);
    const target = this.#resolveInvoice(args.invoice);
    this.#startAction();
    const timeoutMs = args.options.timeoutMs ?? PRE_CHECKOUT_TIMEOUT_MS;
    const { id, answer } = await askPreCheckout(this.#state, this.user, target, timeoutMs);
    if (!answer.ok) return { ok: false, preCheckoutQueryId: id, errorMessage: answer.error_message ?? "" };
    const charged = chargeInvoice(this.#state, this.user, target);
    const forge = args.options.forge;
    const payment = forgedPayment(charged, forge);
    const chat = this.#state.chats.get(target.chat_id) ?? this.#chat;
    const message = this.#addMessage(chat, (base) =>
      successfulPaymentMessage({ ...base, chat: chat.chat, from: forge?.from ?? this.user, payment }),
    );
    const update = this.#state.updates.message(message);
    const delivered = args.options.deliverUpdate !== false;
    const { confirmOnFetch = false, loseOnFetch = false } = args.options;
    if (delivered) this.#state.enqueue(update, { confirmOnFetch, loseOnFetch });
    this.#paymentUpdates.set(charged.telegram_payment_charge_id, update);
    return { ok: true, preCheckoutQueryId: id, chargeId: charged.telegram_payment_charge_id, payment, update, delivered };
  }

  /** Delivers the successful_payment update of `chargeId` again (same content, new update_id). */
  redeliverPayment(chargeId: string): Update {
    const original = this.#paymentUpdates.get(chargeId);
    if (!original) throw new Error(`No successful payment ${chargeId} by user ${this.id}.`);
    this.#startAction();
    return this.#state.enqueue(this.#state.updates.redelivery(original));
  }

  /** Types "@bot query" and resolves with the results of the bot's answerInlineQuery. */
  async inlineQuery(
    query: string,
    options: { timeoutMs?: number; offset?: string; chatType?: "sender" | "private" | "group" | "supergroup" | "channel" } = {},
  ): Promise<InlineQueryResult[]> {
    this.#startAction();
    const id = String(this.#state.nextNumber()) + String(Date.now());
    const inlineQuery = { id, from: this.user, query, offset: options.offset ?? "", chat_type: options.chatType ?? "sender" };
    this.#state.inlineQueries.set(id, { query: inlineQuery });
    this.#state.enqueue(this.#state.updates.inlineQuery(inlineQuery));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const answer = await this.#state.signal.waitFor(
      () => this.#state.inlineQueries.get(id)?.answer,
      timeoutMs,
      () => new Error(`The bot did not answer inline query "${query}" within ${timeoutMs} ms.\nRecent calls:\n${this.#state.calls.describeRecent()}`),
    );
    // answerInlineQuery checked that each result has a type and an id.
    return answer.results as InlineQueryResult[];
  }

  /** Blocks the bot: queues the my_chat_member update; the bot's sends now fail with 403. */
  block(): Update {
    return this.#setBlocked(true);
  }

  /**
   * Blocks the bot without the my_chat_member update (Telegram may never
   * deliver it, or the bot may miss it): only the 403 on the next send tells.
   */
  blockSilently(): void {
    this.#chat.blocked = true;
  }

  /** Unblocks the bot (queues the my_chat_member update). */
  unblock(): Update {
    return this.#setBlocked(false);
  }

  #setBlocked(blocked: boolean): Update {
    this.#chat.blocked = blocked;
    this.#startAction();
    const change = blockChange({ user: this.user, bot: this.#state.botUser, blocked, date: this.#state.nowSeconds() });
    return this.#state.enqueue(this.#state.updates.myChatMember(change));
  }

  #startAction(): void {
    this.#since = this.#state.chats.mark();
  }

  /** Adds the user's message to the chat and queues it (writing to a blocked bot unblocks it first). */
  #post(chat: ChatRecord, build: (base: { messageId: number; date: number }) => IncomingMessage): Update {
    return this.#state.enqueue(this.#state.updates.message(this.#addMessage(chat, build)));
  }

  /** Adds the user's message to the chat without queuing it. */
  #addMessage(chat: ChatRecord, build: (base: { messageId: number; date: number }) => IncomingMessage): IncomingMessage {
    if (chat === this.#chat) {
      if (chat.blocked) this.unblock();
      chat.started = true;
    }
    const message = build({ messageId: chat.nextMessageId(), date: this.#state.nowSeconds() });
    this.#state.chats.add(chat, toVisibleMessage(message, false));
    return message;
  }

  #queueCallback(message: VisibleMessage, data: string): string {
    const id = `${this.user.id}${String(this.#state.nextNumber()).padStart(6, "0")}`;
    const query = {
      id,
      from: this.user,
      message: structuredClone(message.message),
      chat_instance: this.#chat.chatInstance,
      data,
    };
    this.#state.callbackQueries.set(id, { query });
    this.#state.enqueue(this.#state.updates.callbackQuery(query));
    return id;
  }

  #resolveInvoice(invoice: VisibleMessage | SentInvoice | undefined): SentInvoice {
    if (invoice !== undefined) {
      const resolved = "payload" in invoice ? invoice : invoice.invoice;
      if (!resolved) throw new Error(`Message #${invoice.message_id} is not an invoice.`);
      return resolved;
    }
    const last = this.messages().reverse().find((message) => message.invoice !== undefined)?.invoice;
    if (!last) throw new Error(`No invoice in chat ${this.chatId}.\nBot messages:\n${this.#describeMessages(this.chatId)}`);
    return last;
  }

  #waitForEvent(
    kind: "sent" | "edited",
    noun: string,
    match: MessageMatch | undefined,
    options: number | WaitOptions | undefined,
    description = describeMatch(match),
  ): Promise<VisibleMessage> {
    const { timeoutMs = DEFAULT_TIMEOUT_MS, since = this.#since, chatId = this.chatId } =
      typeof options === "number" ? { timeoutMs: options } : (options ?? {});
    const test = toPredicate(match);
    const events = this.#state.chats.events;
    return this.#state.signal.waitFor(
      () => {
        // Re-test every event since the marker against what it showed then and what it shows now:
        // a message may match only after a later edit, or only until one.
        for (let seq = since; seq < events.length; seq += 1) {
          const event = events[seq];
          if (event && event.kind === kind && event.chatId === chatId && event.message.from_bot) {
            if (test(event.snapshot) || test(event.message)) return event.message;
          }
        }
        return undefined;
      },
      timeoutMs,
      () =>
        new Error(
          `User ${this.id} waited ${timeoutMs} ms for a bot ${noun}${description} in chat ${chatId} ` +
            `(since chat event #${since}).\nBot messages in the chat:\n${this.#describeMessages(chatId)}\n` +
            `Recent calls:\n${this.#state.calls.describeRecent()}`,
        ),
    );
  }

  #describeMessages(chatId: number): string {
    const messages = this.#state.chats.get(chatId)?.history.filter((message) => message.from_bot).slice(-8) ?? [];
    if (messages.length === 0) return "  (none)";
    return messages.map(describeMessage).join("\n");
  }

  #describeButtons(): string {
    const lines = this.messages()
      .filter((message) => inlineButtons(message.reply_markup).length > 0)
      .slice(-5)
      .map((message) => `  #${message.message_id}: ${inlineButtons(message.reply_markup).map((b) => `"${b.text}"`).join(" | ")}`);
    return lines.length > 0 ? lines.join("\n") : "  (no message with inline buttons)";
  }
}
