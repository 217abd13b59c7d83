/**
 * Reply markup as Telegram checks it: inline buttons need exactly one action,
 * callback data is 1–64 bytes, URLs must be URLs, text to copy is 1–256
 * characters. Empty rows are dropped
 * (grammY's `new InlineKeyboard()` sends `[[]]`, which Telegram accepts).
 */
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import { badRequest } from "./api-error.ts";
import { isObject, type JsonObject } from "./params.ts";

/** Any `reply_markup` a send method accepts. */
export type AnyReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

const INLINE_ACTIONS = [
  "callback_data",
  "url",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
  "web_app",
] as const;

const MAX_BUTTONS = 100;
/** CopyTextButton.text: "1-256 characters" (Bot API docs). */
const MAX_COPY_TEXT_CHARS = 256;

/** Validates any kind of reply markup; an inline keyboard without buttons comes back as undefined. */
export function readReplyMarkup(value: JsonObject | undefined): AnyReplyMarkup | undefined {
  if (value === undefined) return undefined;
  if ("inline_keyboard" in value) return readInlineKeyboard(value);
  if ("keyboard" in value) return readReplyKeyboard(value);
  if (value.remove_keyboard === true) return { remove_keyboard: true };
  if (value.force_reply === true) return { force_reply: true };
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** Validates an inline keyboard (the only markup edits and invoices accept). */
export function readInlineKeyboard(value: JsonObject | undefined): InlineKeyboardMarkup | undefined {
  if (value === undefined) return undefined;
  const rows = value.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  const keyboard: InlineKeyboardButton[][] = [];
  for (const row of rows as unknown[][]) {
    if (row.length > 0) keyboard.push(row.map(readInlineButton));
  }
  const count = keyboard.reduce((sum, row) => sum + row.length, 0);
  if (count > MAX_BUTTONS) throw badRequest("reply markup is too long");
  return count === 0 ? undefined : { inline_keyboard: keyboard };
}

/** All buttons of an inline keyboard, row by row. */
export function inlineButtons(markup: InlineKeyboardMarkup | undefined): InlineKeyboardButton[] {
  return markup?.inline_keyboard.flat() ?? [];
}

/** Whether two values are the same JSON regardless of key order (for "message is not modified"). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function readInlineButton(value: unknown): InlineKeyboardButton {
  if (!isObject(value) || typeof value.text !== "string") {
    throw badRequest("can't find field \"text\" in the InlineKeyboardButton");
  }
  if (value.text.trim() === "") throw badRequest("BUTTON_TEXT_INVALID");
  const actions = INLINE_ACTIONS.filter((action) => value[action] !== undefined && value[action] !== null);
  if (actions.length === 0) throw badRequest("text buttons are unallowed in the inline keyboard");
  if (actions.length > 1) throw badRequest(`button "${value.text}" has more than one action: ${actions.join(", ")}`);
  const data = value.callback_data;
  if (data !== undefined) {
    const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
    if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (value.url !== undefined && !isButtonUrl(value.url)) throw badRequest("BUTTON_URL_INVALID");
  if (value.copy_text !== undefined) checkCopyText(value.copy_text);
  // Validated above: the object has a text and exactly one well-formed action.
  return value as unknown as InlineKeyboardButton;
}

/**
 * A CopyTextButton is an object whose `text` has 1–256 characters. The error
 * texts are ours: Telegram documents the limit, not what it answers.
 */
function checkCopyText(value: unknown): void {
  if (!isObject(value) || typeof value.text !== "string") throw badRequest("can't find field \"text\" in the CopyTextButton");
  const characters = [...value.text].length;
  if (characters < 1 || characters > MAX_COPY_TEXT_CHARS) throw badRequest("BUTTON_COPY_TEXT_INVALID");
}

function readReplyKeyboard(value: JsonObject): ReplyKeyboardMarkup {
  const rows = value.keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
  }
  for (const button of (rows as unknown[][]).flat()) {
    const text = typeof button === "string" ? button : isObject(button) ? button.text : undefined;
    if (typeof text !== "string" || text.trim() === "") throw badRequest("BUTTON_TEXT_INVALID");
  }
  // Validated above: rows of buttons that each have a text.
  return value as unknown as ReplyKeyboardMarkup;
}

function isButtonUrl(value: unknown): boolean {
  if (typeof value !== "string" || value.trim() === "") return false;
  try {
    const url = new URL(value);
    return ["http:", "https:", "tg:"].includes(url.protocol);
  } catch {
    return false;
  }
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isObject(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}
