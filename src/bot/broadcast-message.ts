/**
 * A broadcast as a Telegram message: the operator's text or photo with their
 * formatting, and the "🔕 Stop news" button under it. The operator's preview
 * and every traveller's copy are sent by this one function, so the preview
 * is exactly what travellers see (in the reader's language).
 */
import { InlineKeyboard, type Api } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import type { BroadcastContent, TextEntity } from "../domain/broadcast.ts";
import { NEWS } from "./callback-data.ts";
import type { Translate } from "./view-locale.ts";

/** The opt-out button under every broadcast. */
export function stopNewsKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("news-stop-button"), NEWS.stop);
}

/** Sends `content` to `chatId` as travellers receive it. */
export function sendBroadcastMessage(api: Api, chatId: number, content: BroadcastContent, t: Translate): Promise<Message> {
  const reply_markup = stopNewsKeyboard(t);
  if (content.kind === "text") {
    return api.sendMessage(chatId, content.text, { entities: telegramEntities(content.entities), reply_markup });
  }
  return api.sendPhoto(chatId, content.fileId, {
    ...(content.caption ? { caption: content.caption, caption_entities: telegramEntities(content.captionEntities) } : {}),
    reply_markup,
  });
}

/** What an operator's message holds as broadcast content, or null when it is neither text nor a photo. */
export function contentOfMessage(message: Message | undefined): BroadcastContent | null {
  if (!message) return null;
  if (message.text !== undefined) return { kind: "text", text: message.text, entities: message.entities ?? [] };
  const photo = message.photo?.at(-1); // the largest size
  if (!photo) return null;
  return { kind: "photo", fileId: photo.file_id, caption: message.caption ?? "", captionEntities: message.caption_entities ?? [] };
}

// The entities came from Telegram with the operator's message and were stored as they were.
function telegramEntities(entities: TextEntity[]): MessageEntity[] {
  return entities as MessageEntity[];
}
