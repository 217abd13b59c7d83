/**
 * Typed access to method parameters. Telegram accepts every parameter as a
 * string too (form fields, query strings), so the readers coerce numbers,
 * booleans and JSON-serialized objects the same way the real server does.
 */
import { badRequest } from "./api-error.ts";

/** Parameters whose values are JSON-serialized when sent as form fields. */
export const JSON_PARAMS: ReadonlySet<string> = new Set([
  "reply_markup",
  "entities",
  "caption_entities",
  "prices",
  "suggested_tip_amounts",
  "reply_parameters",
  "link_preview_options",
  "media",
  "results",
  "commands",
  "scope",
  "menu_button",
  "allowed_updates",
  "button",
]);

/** Integer parameters that arrive as strings in form fields. */
export const INTEGER_PARAMS: ReadonlySet<string> = new Set([
  "chat_id",
  "message_id",
  "user_id",
  "message_thread_id",
  "reply_to_message_id",
  "offset",
  "limit",
  "timeout",
  "cache_time",
  "max_tip_amount",
  "max_connections",
]);

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a plain (non-array) object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads one call's parameters, throwing Telegram-style 400 errors for missing or malformed ones. */
export class Params {
  /** @param raw the parameters as received */
  constructor(readonly raw: Readonly<JsonObject>) {}

  /** Whether the parameter was sent (null counts as absent, as grammY drops nulls). */
  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  /** A required integer. */
  int(name: string): number {
    const value = this.optionalInt(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  /** An optional integer. */
  optionalInt(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== "number" || !Number.isInteger(number)) throw badRequest(`invalid ${name} specified`);
    return number;
  }

  /** A required string; `allowEmpty` accepts "" (setWebhook's url deletes the webhook). */
  string(name: string, options: { allowEmpty?: boolean } = {}): string {
    const value = this.optionalString(name);
    if (value === undefined || (value === "" && !options.allowEmpty)) throw badRequest(`${name} is empty`);
    return value;
  }

  /** An optional string (numbers are accepted and stringified, as Telegram does). */
  optionalString(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  /** An optional boolean ("true"/"false" strings included). */
  optionalBool(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "1" || value === 1) return true;
    if (value === "false" || value === "0" || value === 0) return false;
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  /** An optional JSON object (a JSON string is parsed). */
  optionalObject(name: string): JsonObject | undefined {
    if (!this.has(name)) return undefined;
    const value = this.#json(name);
    if (!isObject(value)) throw badRequest(`field "${name}" must be of type Object`);
    return value;
  }

  /** A required JSON array (a JSON string is parsed). */
  array(name: string): unknown[] {
    const value = this.optionalArray(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  /** An optional JSON array (a JSON string is parsed). */
  optionalArray(name: string): unknown[] | undefined {
    if (!this.has(name)) return undefined;
    const value = this.#json(name);
    if (!Array.isArray(value)) throw badRequest(`field "${name}" must be of type Array`);
    return value;
  }

  /** The chat id: an integer or an "@username" string. */
  chatId(name = "chat_id"): number | string {
    if (!this.has(name)) throw badRequest(`${name} is empty`);
    const value = this.raw[name];
    if (typeof value === "string" && value.startsWith("@")) return value;
    return this.int(name);
  }

  #json(name: string): unknown {
    const value = this.raw[name];
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }
}

/**
 * Turns form fields (all strings) into the values a JSON request would have
 * carried, so recorded calls look the same whichever way grammY sent them.
 */
export function normalizeFormFields(fields: Readonly<Record<string, string>>): JsonObject {
  const params: JsonObject = {};
  for (const [name, value] of Object.entries(fields)) {
    params[name] = normalizeField(name, value);
  }
  return params;
}

function normalizeField(name: string, value: string): unknown {
  if (JSON_PARAMS.has(name)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  if (INTEGER_PARAMS.has(name) && /^-?\d+$/.test(value)) return Number(value);
  return value;
}
