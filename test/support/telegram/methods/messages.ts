/** Sending, editing and deleting messages, and chat actions. */
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { syncFromMessage, type VisibleMessage } from "../chats.ts";
import { readInlineKeyboard, sameJson } from "../markup.ts";
import type { Params } from "../params.ts";
import type { EmulatorState } from "../state.ts";
import type { MethodTable } from "./method.ts";
import {
  formattedExtras,
  formattedFields,
  isImage,
  pngSize,
  postBotMessage,
  readCaption,
  readMessageText,
  readSendMarkup,
  resolveInputFile,
  sendableChat,
  type FormattedInput,
} from "./send-helpers.ts";

const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Handlers for messages. */
export const messageMethods: MethodTable = {
  sendMessage: ({ params, state }) => {
    const record = sendableChat(state, params);
    const text = readMessageText(params);
    const keyboard = readSendMarkup(params, record);
    const fields: Partial<Message> = { ...formattedFields(text, "text"), ...(keyboard ? { reply_markup: keyboard } : {}) };
    return postBotMessage(state, record, params, fields, formattedExtras(text)).message;
  },

  sendPhoto: ({ params, files, state }) => {
    const record = sendableChat(state, params);
    const file = resolveInputFile(state, params, files, "photo");
    if (file.bytes && !isImage(file.bytes)) throw badRequest("IMAGE_PROCESS_FAILED");
    const caption = readCaption(params);
    const keyboard = readSendMarkup(params, record);
    const size = (file.bytes && pngSize(file.bytes)) ?? { width: 512, height: 512 };
    const fields: Partial<Message> = {
      photo: [{ file_id: file.fileId, file_unique_id: file.fileUniqueId, ...size, ...(file.bytes ? { file_size: file.bytes.length } : {}) }],
      ...formattedFields(caption, "caption"),
      ...(keyboard ? { reply_markup: keyboard } : {}),
    };
    const extras: Partial<VisibleMessage> = { ...formattedExtras(caption), ...(file.bytes ? { photo: file.bytes } : {}) };
    return postBotMessage(state, record, params, fields, extras).message;
  },

  sendDocument: ({ params, files, state }) => {
    const record = sendableChat(state, params);
    const file = resolveInputFile(state, params, files, "document");
    const caption = readCaption(params);
    const keyboard = readSendMarkup(params, record);
    const fields: Partial<Message> = {
      document: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        ...(file.fileName ? { file_name: file.fileName } : {}),
        ...(file.contentType ? { mime_type: file.contentType } : {}),
        ...(file.bytes ? { file_size: file.bytes.length } : {}),
      },
      ...formattedFields(caption, "caption"),
      ...(keyboard ? { reply_markup: keyboard } : {}),
    };
    const extras: Partial<VisibleMessage> = formattedExtras(caption);
    if (file.bytes) {
      extras.document = { bytes: file.bytes, ...(file.fileName ? { fileName: file.fileName } : {}), ...(file.contentType ? { contentType: file.contentType } : {}) };
    }
    return postBotMessage(state, record, params, fields, extras).message;
  },

  editMessageText: ({ params, state }) => {
    const text = readMessageText(params);
    const keyboard = readInlineKeyboard(params.optionalObject("reply_markup"));
    if (params.has("inline_message_id")) return true;
    const target = editableMessage(state, params);
    if (target.message.text === undefined) throw badRequest("there is no text in the message to edit");
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    applyEdit(state, target, { text, field: "text", keyboard });
    return target.message;
  },

  editMessageCaption: ({ params, state }) => {
    const caption = readCaption(params);
    const keyboard = readInlineKeyboard(params.optionalObject("reply_markup"));
    if (params.has("inline_message_id")) return true;
    const target = editableMessage(state, params);
    const media = target.message;
    if (!media.photo && !media.document && !media.video && !media.animation && !media.audio && !media.voice) {
      throw badRequest("there is no caption in the message to edit");
    }
    applyEdit(state, target, { text: caption, field: "caption", keyboard });
    return target.message;
  },

  editMessageReplyMarkup: ({ params, state }) => {
    const keyboard = readInlineKeyboard(params.optionalObject("reply_markup"));
    if (params.has("inline_message_id")) return true;
    const target = editableMessage(state, params);
    if (sameJson(target.message.reply_markup, keyboard)) throw badRequest(NOT_MODIFIED);
    target.message = withKeyboard({ ...target.message, edit_date: state.nowSeconds() }, keyboard);
    syncFromMessage(target);
    state.chats.edited(target);
    return target.message;
  },

  deleteMessage: ({ params, state }) => {
    const record = state.chats.resolve(params.chatId());
    const target = record.find(params.int("message_id"));
    if (!target || target.deleted) throw badRequest("message to delete not found");
    state.chats.deleted(target);
    return true;
  },

  sendChatAction: ({ params, state }) => {
    sendableChat(state, params);
    const action = params.string("action");
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    return true;
  },
};

/** The bot message an edit addresses, with Telegram's errors for the others. */
function editableMessage(state: EmulatorState, params: Params): VisibleMessage {
  const record = state.chats.resolve(params.chatId());
  const target = record.find(params.int("message_id"));
  if (!target || target.deleted) throw badRequest("message to edit not found");
  if (!target.from_bot) throw badRequest("message can't be edited");
  return target;
}

interface Edit {
  text: FormattedInput | undefined;
  field: "text" | "caption";
  keyboard: InlineKeyboardMarkup | undefined;
}

function applyEdit(state: EmulatorState, target: VisibleMessage, edit: Edit): void {
  const entitiesField = edit.field === "text" ? "entities" : "caption_entities";
  const current = target.message;
  const unchanged =
    current[edit.field] === edit.text?.text &&
    sameJson(current[entitiesField], edit.text?.entities) &&
    sameJson(current.reply_markup, edit.keyboard);
  if (unchanged) throw badRequest(NOT_MODIFIED);
  const next: Message = { ...current, edit_date: state.nowSeconds() };
  delete next[edit.field];
  delete next[entitiesField];
  Object.assign(next, formattedFields(edit.text, edit.field));
  target.message = withKeyboard(next, edit.keyboard);
  delete target.source;
  delete target.parse_mode;
  Object.assign(target, formattedExtras(edit.text));
  syncFromMessage(target);
  state.chats.edited(target);
}

function withKeyboard(message: Message, keyboard: InlineKeyboardMarkup | undefined): Message {
  const next = { ...message };
  if (keyboard) next.reply_markup = keyboard;
  else delete next.reply_markup;
  return next;
}
