/**
 * The chats the emulator knows and what each shows: every message sent into
 * it (by the bot or a user), kept up to date on edits and marked on deletion,
 * plus an ordered event log ("sent", "edited", "deleted") that waits use.
 */
import type {
  InlineKeyboardMarkup,
  LabeledPrice,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  User,
} from "grammy/types";
import { badRequest } from "./api-error.ts";
import type { UploadedFile } from "./call-log.ts";
import type { ChangeSignal } from "./change-signal.ts";
import type { JsonObject } from "./params.ts";
import { groupChat, privateChat, type UserChat } from "./updates.ts";

/** An invoice the bot sent, with everything sendInvoice received. */
export interface SentInvoice {
  chat_id: number;
  message_id: number;
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: LabeledPrice[];
  /** "" for Telegram Stars. */
  provider_token: string;
  total_amount: number;
  start_parameter?: string;
  photo_url?: string;
  /** The raw sendInvoice parameters. */
  params: JsonObject;
}

/**
 * A message as the chat shows it. The record is live: edits update it and
 * deletion sets `deleted`.
 */
export interface VisibleMessage {
  message_id: number;
  chat_id: number;
  from_bot: boolean;
  /** What the user reads: the text of a text message or the caption of a media message ("" if none). */
  content: string;
  text?: string;
  caption?: string;
  /** Entities of the text or caption (parsed from HTML when the bot used parse_mode "HTML"). */
  entities?: MessageEntity[];
  /** The text or caption exactly as the bot sent it, before parse_mode. */
  source?: string;
  parse_mode?: string;
  /** Bytes of the photo, when uploaded or sent by a file_id the emulator issued. */
  photo?: Buffer;
  document?: UploadedFile;
  /** The inline keyboard under the message, if any. */
  reply_markup?: InlineKeyboardMarkup;
  invoice?: SentInvoice;
  deleted: boolean;
  /** How many times the message was edited. */
  edits: number;
  /** The Bot API object as Telegram would return it now. */
  message: Message;
}

/** Something that happened in a chat; `seq` orders events across all chats. */
export interface ChatEvent {
  seq: number;
  kind: "sent" | "edited" | "deleted";
  chatId: number;
  /** The live record. */
  message: VisibleMessage;
  /** The record as it was right after the event (a shallow copy: edits replace, never mutate, its parts). */
  snapshot: VisibleMessage;
}

/** One chat and its history. */
export class ChatRecord {
  readonly history: VisibleMessage[] = [];
  /** The user blocked the bot: sends fail with 403. */
  blocked = false;
  /** The reply keyboard the user currently sees (set by a `keyboard` markup, cleared by `remove_keyboard`). */
  replyKeyboard: ReplyKeyboardMarkup | undefined;
  /** Telegram's per-chat `chat_instance` of callback queries. */
  readonly chatInstance: string;
  #nextMessageId = 1;

  /**
   * @param chat the chat object put into messages
   * @param started false for a user who never opened the bot: sends fail with 403
   */
  constructor(
    readonly chat: UserChat,
    public started: boolean,
  ) {
    this.chatInstance = String(BigInt(Math.abs(chat.id)) * 7919n + 104729n);
  }

  /** Allocates the next message id in this chat (bot and users share the sequence). */
  nextMessageId(): number {
    return this.#nextMessageId++;
  }

  /** A message by id, deleted ones included. */
  find(messageId: number): VisibleMessage | undefined {
    return this.history.find((message) => message.message_id === messageId);
  }

  /** The bot's messages still visible, oldest first. */
  botMessages(): VisibleMessage[] {
    return this.history.filter((message) => message.from_bot && !message.deleted);
  }
}

/** Every chat the emulator knows. */
export class ChatStore {
  readonly #chats = new Map<number, ChatRecord>();
  readonly #events: ChatEvent[] = [];

  /** @param signal notified on every event */
  constructor(private readonly signal: ChangeSignal) {}

  /** Every event so far, in order. */
  get events(): readonly ChatEvent[] {
    return this.#events;
  }

  /** The `seq` the next event will get: a marker for "after now". */
  mark(): number {
    return this.#events.length;
  }

  /** The private chat with `user`, created on first use. */
  privateChat(user: User, started: boolean): ChatRecord {
    const existing = this.#chats.get(user.id);
    if (existing) return existing;
    const record = new ChatRecord(privateChat(user), started);
    this.#chats.set(user.id, record);
    return record;
  }

  /** A group chat, created on first use. */
  groupChat(id: number, title: string): ChatRecord {
    const existing = this.#chats.get(id);
    if (existing) return existing;
    const record = new ChatRecord(groupChat(id, title), true);
    this.#chats.set(id, record);
    return record;
  }

  /** A chat by id, if known. */
  get(chatId: number): ChatRecord | undefined {
    return this.#chats.get(chatId);
  }

  /** The chat a method addresses; 400 "chat not found" as Telegram answers for unknown chats. */
  resolve(chatId: number | string): ChatRecord {
    const record = typeof chatId === "number" ? this.#chats.get(chatId) : undefined;
    if (!record) throw badRequest("chat not found");
    return record;
  }

  /** Adds a message to its chat. */
  add(record: ChatRecord, message: VisibleMessage): VisibleMessage {
    record.history.push(message);
    this.#emit("sent", message);
    return message;
  }

  /** Records that a message changed (its fields were already updated). */
  edited(message: VisibleMessage): void {
    message.edits += 1;
    this.#emit("edited", message);
  }

  /** Marks a message deleted. */
  deleted(message: VisibleMessage): void {
    message.deleted = true;
    this.#emit("deleted", message);
  }

  #emit(kind: ChatEvent["kind"], message: VisibleMessage): void {
    this.#events.push({ seq: this.#events.length, kind, chatId: message.chat_id, message, snapshot: { ...message } });
    this.signal.notify();
  }
}

/** Builds the chat record of a message from its Bot API object. */
export function toVisibleMessage(message: Message, fromBot: boolean, extras: Partial<VisibleMessage> = {}): VisibleMessage {
  const visible: VisibleMessage = {
    message_id: message.message_id,
    chat_id: message.chat.id,
    from_bot: fromBot,
    content: "",
    deleted: false,
    edits: 0,
    message,
    ...extras,
  };
  syncFromMessage(visible);
  return visible;
}

/** Copies text, caption, entities and keyboard from `visible.message` into the record's shortcut fields. */
export function syncFromMessage(visible: VisibleMessage): void {
  const { message } = visible;
  setOrDelete(visible, "text", message.text);
  setOrDelete(visible, "caption", message.caption);
  setOrDelete(visible, "entities", message.entities ?? message.caption_entities);
  setOrDelete(visible, "reply_markup", message.reply_markup);
  visible.content = message.text ?? message.caption ?? "";
}

function setOrDelete<K extends "text" | "caption" | "entities" | "reply_markup">(
  target: VisibleMessage,
  key: K,
  value: VisibleMessage[K] | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
