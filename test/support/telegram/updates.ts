/**
 * Builders for the updates Telegram delivers to a bot. The message-level
 * builders are pure; {@link UpdateBuilder} wraps them into updates and hands
 * out increasing `update_id`s, one sequence per emulator.
 */
import type {
  CallbackQuery,
  Chat,
  ChatMemberUpdated,
  InlineQuery,
  Message,
  MessageEntity,
  PhotoSize,
  PreCheckoutQuery,
  SuccessfulPayment,
  Update,
  User,
} from "grammy/types";

/** A message sent by a user in a private chat or a group: what `update.message` holds. */
export type IncomingMessage = Message & Update.NonChannel;

/** A chat a user can write to the bot from. */
export type UserChat = Exclude<Chat, Chat.ChannelChat>;

/** Current Unix time in seconds, as Telegram stamps `date` fields. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The private chat between the bot and `user` (its id is the user's id). */
export function privateChat(user: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
  if (user.last_name !== undefined) chat.last_name = user.last_name;
  if (user.username !== undefined) chat.username = user.username;
  return chat;
}

/** A group chat; ids starting with -100 are supergroups, as on Telegram. */
export function groupChat(id: number, title: string): Chat.GroupChat | Chat.SupergroupChat {
  return String(id).startsWith("-100") ? { id, type: "supergroup", title } : { id, type: "group", title };
}

/**
 * The `bot_command` entity Telegram adds when a text starts with "/":
 * it covers "/start" or "/start@bot_name", not the payload after a space.
 */
export function commandEntities(text: string): MessageEntity[] | undefined {
  const match = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?/.exec(text);
  return match ? [{ type: "bot_command", offset: 0, length: match[0].length }] : undefined;
}

/** Fields shared by every message a user sends. */
export interface MessageBase {
  messageId: number;
  chat: UserChat;
  from: User;
  /** Unix seconds; now by default. */
  date?: number;
}

/** A text message, with a command entity when it starts with "/" (or the formatting `entities` given). */
export function textMessage(base: MessageBase & { text: string; entities?: MessageEntity[] }): IncomingMessage {
  const message: IncomingMessage = {
    message_id: base.messageId,
    date: base.date ?? nowSeconds(),
    chat: base.chat,
    from: base.from,
    text: base.text,
  };
  const entities = base.entities ?? commandEntities(base.text);
  if (entities) message.entities = entities;
  return message;
}

/** A photo message: the sizes Telegram made of one upload, with an optional formatted caption. */
export function photoMessage(
  base: MessageBase & { photo: PhotoSize[]; caption?: string; captionEntities?: MessageEntity[] },
): IncomingMessage {
  const message: IncomingMessage = {
    message_id: base.messageId,
    date: base.date ?? nowSeconds(),
    chat: base.chat,
    from: base.from,
    photo: base.photo,
  };
  if (base.caption !== undefined) message.caption = base.caption;
  if (base.captionEntities) message.caption_entities = base.captionEntities;
  return message;
}

/** A sticker message (a typical "unexpected input" in a conversation). */
export function stickerMessage(base: MessageBase & { emoji?: string }): IncomingMessage {
  return {
    message_id: base.messageId,
    date: base.date ?? nowSeconds(),
    chat: base.chat,
    from: base.from,
    sticker: {
      file_id: `CAACAgIAAxkBAAE${base.messageId}`,
      file_unique_id: `AgAD${base.messageId}`,
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: base.emoji ?? "😀",
    },
  };
}

/** The service message Telegram sends after a successful payment. */
export function successfulPaymentMessage(base: MessageBase & { payment: SuccessfulPayment }): IncomingMessage {
  return {
    message_id: base.messageId,
    date: base.date ?? nowSeconds(),
    chat: base.chat,
    from: base.from,
    successful_payment: base.payment,
  };
}

/** The `my_chat_member` change of a user blocking (or unblocking) the bot in a private chat. */
export function blockChange(args: { user: User; bot: User; blocked: boolean; date?: number }): ChatMemberUpdated {
  const date = args.date ?? nowSeconds();
  const member = { status: "member" as const, user: args.bot };
  const kicked = { status: "kicked" as const, user: args.bot, until_date: 0 };
  return {
    chat: privateChat(args.user),
    from: args.user,
    date,
    old_chat_member: args.blocked ? member : kicked,
    new_chat_member: args.blocked ? kicked : member,
  };
}

/** Wraps payloads into updates with increasing `update_id`s. */
export class UpdateBuilder {
  #nextId: number;

  /** @param firstUpdateId the id of the first update built */
  constructor(firstUpdateId = 1) {
    this.#nextId = firstUpdateId;
  }

  /** A `message` update. */
  message(message: IncomingMessage): Update {
    return { update_id: this.#take(), message };
  }

  /** A `callback_query` update (a button press). */
  callbackQuery(callbackQuery: CallbackQuery): Update {
    return { update_id: this.#take(), callback_query: callbackQuery };
  }

  /** A `pre_checkout_query` update (the user confirmed a payment). */
  preCheckoutQuery(preCheckoutQuery: PreCheckoutQuery): Update {
    return { update_id: this.#take(), pre_checkout_query: preCheckoutQuery };
  }

  /** An `inline_query` update (the user typed "@bot query"). */
  inlineQuery(inlineQuery: InlineQuery): Update {
    return { update_id: this.#take(), inline_query: inlineQuery };
  }

  /** A `my_chat_member` update (e.g. the user blocked the bot). */
  myChatMember(change: ChatMemberUpdated): Update {
    return { update_id: this.#take(), my_chat_member: change };
  }

  /** The same update content under a new id: how Telegram re-delivers an update. */
  redelivery(update: Update): Update {
    return { ...structuredClone(update), update_id: this.#take() };
  }

  #take(): number {
    return this.#nextId++;
  }
}
