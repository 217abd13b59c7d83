/**
 * Telegram's HTML parse mode: turns "<b>Hi</b> &amp; bye" into the plain
 * text the user sees plus entities, and rejects what Telegram rejects
 * (unsupported tags such as <br>, unclosed or mismatched tags, a bare "<"),
 * so a bot that forgets to escape user input fails in tests as it would live.
 */
import type { MessageEntity } from "grammy/types";
import { badRequest, type BotApiError } from "./api-error.ts";

/** Plain text and its entities (offsets in UTF-16 code units, as in the Bot API). */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

interface OpenTag {
  name: string;
  attributes: Map<string, string>;
  offset: number;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };

const SUPPORTED_TAGS: ReadonlySet<string> = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
  "a", "code", "pre", "blockquote", "tg-emoji",
]);

/** Parses Telegram HTML; throws the Bot API's 400 "can't parse entities" error on bad markup. */
export function parseTelegramHtml(source: string): FormattedText {
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let text = "";
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? "";
    if (char === "<") {
      const end = source.indexOf(">", i);
      if (end === -1) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
      const inner = source.slice(i + 1, end);
      if (inner.startsWith("/")) {
        closeTag(inner.slice(1).trim().toLowerCase(), stack, entities, text, byteOffset(source, i));
      } else {
        stack.push(openTag(inner, text.length, byteOffset(source, i)));
      }
      i = end + 1;
    } else if (char === "&") {
      const match = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(source.slice(i, i + 12));
      const decoded = match ? decodeEntity(match[1] ?? "") : undefined;
      if (match && decoded !== undefined) {
        text += decoded;
        i += match[0].length;
      } else {
        text += char;
        i += 1;
      }
    } else {
      text += char;
      i += 1;
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: sortEntities(entities) };
}

/**
 * Telegram strips leading and trailing whitespace from texts and captions;
 * entities are shifted and clipped to match.
 */
export function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const clipped: MessageEntity[] = [];
  for (const entity of entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(trimmed.length, entity.offset + entity.length - lead);
    if (end > start) clipped.push({ ...entity, offset: start, length: end - start });
  }
  return { text: trimmed, entities: clipped };
}

function openTag(inner: string, offset: number, at: number): OpenTag {
  const nameMatch = /^([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
  const name = (nameMatch?.[1] ?? "").toLowerCase();
  if (!SUPPORTED_TAGS.has(name)) throw cantParse(`Unsupported start tag "${name}" at byte offset ${at}`);
  const attributes = parseAttributes(inner.slice(name.length));
  if (name === "span" && attributes.get("class") !== "tg-spoiler") {
    throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
  }
  if (name === "tg-emoji" && !attributes.has("emoji-id")) {
    throw cantParse(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${at}`);
  }
  return { name, attributes, offset };
}

function closeTag(name: string, stack: OpenTag[], entities: MessageEntity[], text: string, at: number): void {
  const open = stack.pop();
  if (!open) throw cantParse(`Unexpected end tag at byte offset ${at}`);
  if (open.name !== name) {
    throw cantParse(`Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`);
  }
  const length = text.length - open.offset;
  const parent = stack[stack.length - 1];
  // <pre><code class="language-x"> sets the language of the pre block instead of adding a code entity.
  if (open.name === "code" && parent?.name === "pre") {
    const language = /^language-(.+)$/.exec(open.attributes.get("class") ?? "")?.[1];
    if (language) parent.attributes.set("data-language", language);
    return;
  }
  const entity = toEntity(open, length);
  if (entity && length > 0) entities.push(entity);
}

function toEntity(tag: OpenTag, length: number): MessageEntity | undefined {
  const offset = tag.offset;
  switch (tag.name) {
    case "b":
    case "strong":
      return { type: "bold", offset, length };
    case "i":
    case "em":
      return { type: "italic", offset, length };
    case "u":
    case "ins":
      return { type: "underline", offset, length };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough", offset, length };
    case "span":
    case "tg-spoiler":
      return { type: "spoiler", offset, length };
    case "code":
      return { type: "code", offset, length };
    case "pre": {
      const language = tag.attributes.get("data-language");
      return language ? { type: "pre", offset, length, language } : { type: "pre", offset, length };
    }
    case "blockquote":
      return { type: tag.attributes.has("expandable") ? "expandable_blockquote" : "blockquote", offset, length };
    case "a": {
      const url = tag.attributes.get("href");
      return url ? { type: "text_link", offset, length, url } : undefined;
    }
    case "tg-emoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: tag.attributes.get("emoji-id") ?? "" };
    default:
      return undefined;
  }
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = (match[1] ?? "").toLowerCase();
    const raw = match[2] ?? match[3] ?? match[4] ?? "";
    attributes.set(name, raw.replace(/&(lt|gt|amp|quot);/g, (_, entity: string) => NAMED_ENTITIES[entity] ?? ""));
  }
  return attributes;
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#x")) return codePoint(Number.parseInt(body.slice(2), 16));
  if (body.startsWith("#")) return codePoint(Number.parseInt(body.slice(1), 10));
  // Telegram supports only these named entities; others stay as typed.
  return NAMED_ENTITIES[body];
}

function codePoint(value: number): string | undefined {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : undefined;
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}

function cantParse(reason: string): BotApiError {
  return badRequest(`can't parse entities: ${reason}`);
}
