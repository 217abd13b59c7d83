/** Checks and builders shared by the methods that send or edit messages. */
import type { InlineKeyboardMarkup, Message, MessageEntity } from "grammy/types";
import { badRequest, forbidden } from "../api-error.ts";
import type { UploadedFile } from "../call-log.ts";
import { toVisibleMessage, type ChatRecord, type VisibleMessage } from "../chats.ts";
import { parseTelegramHtml, trimFormatted } from "../html.ts";
import { readReplyMarkup } from "../markup.ts";
import { isObject, type Params } from "../params.ts";
import type { EmulatorState, StoredFile } from "../state.ts";

/** Telegram's limits, in UTF-16 code units after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
/** Telegram's caption limit (non-premium). */
export const MAX_CAPTION_LENGTH = 1024;

/** Text or caption after parse_mode, with what the bot sent. */
export interface FormattedInput {
  text: string;
  entities?: MessageEntity[];
  source: string;
  parseMode?: string;
}

/** The chat a send method targets; 403 when the user blocked the bot or never started it. */
export function sendableChat(state: EmulatorState, params: Params): ChatRecord {
  const record = state.chats.resolve(params.chatId());
  if (record.chat.type === "private") {
    if (record.blocked) throw forbidden("bot was blocked by the user");
    if (!record.started) throw forbidden("bot can't initiate conversation with a user");
  }
  return record;
}

/**
 * Reads `text`/`caption` with its parse_mode or explicit entities. HTML is
 * parsed (and rejected when malformed); Markdown modes are kept as sent.
 */
export function readFormatted(params: Params, field: "text" | "caption"): FormattedInput | undefined {
  const source = params.optionalString(field);
  if (source === undefined) return undefined;
  const parseMode = params.optionalString("parse_mode");
  const entitiesField = field === "text" ? "entities" : "caption_entities";
  let formatted: { text: string; entities: MessageEntity[] };
  if (parseMode === "HTML") {
    formatted = parseTelegramHtml(source);
  } else if (parseMode === undefined || parseMode === "" || parseMode === "Markdown" || parseMode === "MarkdownV2") {
    formatted = { text: source, entities: readEntities(params.optionalArray(entitiesField)) };
  } else {
    throw badRequest(`unsupported parse_mode "${parseMode}"`);
  }
  const trimmed = trimFormatted(formatted);
  const input: FormattedInput = { text: trimmed.text, source };
  if (trimmed.entities.length > 0) input.entities = trimmed.entities;
  if (parseMode) input.parseMode = parseMode;
  return input;
}

/** A required message text within Telegram's limits. */
export function readMessageText(params: Params): FormattedInput {
  const text = readFormatted(params, "text");
  if (!text || text.text === "") throw badRequest("message text is empty");
  if (text.text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  return text;
}

/** An optional caption within Telegram's limits. */
export function readCaption(params: Params): FormattedInput | undefined {
  const caption = readFormatted(params, "caption");
  if (caption && caption.text.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
  return caption && caption.text !== "" ? caption : undefined;
}

/**
 * Reads reply_markup: an inline keyboard is returned (it goes on the message);
 * a reply keyboard or its removal changes what the chat shows below the input.
 */
export function readSendMarkup(params: Params, record: ChatRecord): InlineKeyboardMarkup | undefined {
  const markup = readReplyMarkup(params.optionalObject("reply_markup"));
  if (markup === undefined) return undefined;
  if ("inline_keyboard" in markup) return markup;
  if ("keyboard" in markup) record.replyKeyboard = markup;
  if ("remove_keyboard" in markup) record.replyKeyboard = undefined;
  return undefined;
}

/** The message a send replies to (reply_parameters or the legacy reply_to_message_id). */
export function readReplyTarget(params: Params, record: ChatRecord): Message | undefined {
  const reply = params.optionalObject("reply_parameters");
  const messageId = reply ? Number(reply.message_id) : params.optionalInt("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const target = record.find(messageId);
  if (target && !target.deleted) return target.message;
  const allowMissing = reply?.allow_sending_without_reply === true || params.optionalBool("allow_sending_without_reply") === true;
  if (allowMissing) return undefined;
  throw badRequest("message to be replied not found");
}

/** Adds a bot message to the chat and returns its record. */
export function postBotMessage(
  state: EmulatorState,
  record: ChatRecord,
  params: Params,
  fields: Partial<Message>,
  extras: Partial<VisibleMessage> = {},
): VisibleMessage {
  const replyTo = readReplyTarget(params, record);
  const message: Message = {
    message_id: record.nextMessageId(),
    from: state.botUser,
    chat: record.chat,
    date: state.nowSeconds(),
    ...(replyTo ? { reply_to_message: { ...replyTo, reply_to_message: undefined } } : {}),
    ...fields,
  };
  return state.chats.add(record, toVisibleMessage(message, true, extras));
}

/** Message fields for a formatted text or caption. */
export function formattedFields(input: FormattedInput | undefined, field: "text" | "caption"): Partial<Message> {
  if (!input) return {};
  const entitiesField = field === "text" ? "entities" : "caption_entities";
  return { [field]: input.text, ...(input.entities ? { [entitiesField]: input.entities } : {}) };
}

/** Record fields remembering how the bot formatted a text or caption. */
export function formattedExtras(input: FormattedInput | undefined): Partial<VisibleMessage> {
  if (!input) return {};
  return { source: input.source, ...(input.parseMode ? { parse_mode: input.parseMode } : {}) };
}

/**
 * The file a send method received: an upload (stored under a new file_id),
 * a file_id the emulator issued, or an HTTP URL (accepted without content,
 * since the emulator fetches nothing).
 */
export function resolveInputFile(
  state: EmulatorState,
  params: Params,
  files: Record<string, UploadedFile>,
  field: string,
): StoredFile {
  const upload = files[field];
  if (upload) {
    if (upload.bytes.length === 0) throw badRequest("file must be non-empty");
    return storeFile(state, field, upload);
  }
  const reference = params.optionalString(field);
  if (reference === undefined || reference === "") throw badRequest(`there is no ${field} in the request`);
  const known = state.files.get(reference);
  if (known) return known;
  if (/^https?:\/\//.test(reference)) return storeFile(state, field, undefined);
  throw badRequest("wrong file identifier/HTTP URL specified");
}

/** The width and height of a PNG (read from its IHDR chunk); undefined for other formats. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = "89504e470d0a1a0a";
  if (bytes.length < 24 || bytes.subarray(0, 8).toString("hex") !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Whether bytes look like an image Telegram accepts as a photo (PNG, JPEG, WebP). */
export function isImage(bytes: Buffer): boolean {
  if (pngSize(bytes)) return true;
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return true;
  return bytes.length > 12 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP";
}

function storeFile(state: EmulatorState, field: string, upload: UploadedFile | undefined): StoredFile {
  const n = state.nextNumber();
  const prefix = field === "photo" ? "AgACAgIAAxkBAAI" : "BQACAgIAAxkBAAI";
  const file: StoredFile = { fileId: `${prefix}${n}emu`, fileUniqueId: `AQAD${n}emu` };
  if (upload) {
    file.bytes = upload.bytes;
    if (upload.fileName) file.fileName = upload.fileName;
    if (upload.contentType) file.contentType = upload.contentType;
  }
  state.files.set(file.fileId, file);
  return file;
}

function readEntities(value: unknown[] | undefined): MessageEntity[] {
  if (value === undefined) return [];
  return value.map((entity) => {
    if (!isObject(entity) || typeof entity.type !== "string" || typeof entity.offset !== "number" || typeof entity.length !== "number") {
      throw badRequest("can't parse entities: each entity needs type, offset and length");
    }
    // Checked above: the fields every entity has; type-specific fields are passed through.
    return entity as unknown as MessageEntity;
  });
}
