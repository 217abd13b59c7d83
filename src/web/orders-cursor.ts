/**
 * The orders table's page cursors as the URL carries them (`after=` /
 * `before=`): the sort column's value, the creation time and the id of the
 * row a page starts next to, joined by "~" — readable, and checked on the way
 * in so that an edited link gets a clear answer instead of a database error.
 */
import type { OrderCursor, OrderSort } from "../services/operator/dashboard.ts";

const SEPARATOR = "~";
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Order ids are short words (src/domain/ids.ts); anything else was not written by us. */
const ID = /^[\w.-]{1,100}$/;
/** A status or destination code: any short text without control characters (a provider names its destinations). */
const TEXT_KEY = /^[^\p{Cc}]{1,200}$/u;
/** A price that fits the 32-bit column (a longer number would fail in the database, not here). */
const INTEGER = /^-?\d{1,9}$/;

/** The cursor's text for a URL. */
export function encodeOrderCursor(cursor: OrderCursor): string {
  const parts = [cursor.createdAt.toISOString(), cursor.id];
  return (cursor.key === undefined ? parts : [String(cursor.key), ...parts]).join(SEPARATOR);
}

/** The cursor in `text` for a table sorted by `by`; null when the text is not one this sort could have written. */
export function decodeOrderCursor(text: string, by: OrderSort): OrderCursor | null {
  const parts = text.split(SEPARATOR);
  const keyed = by !== "createdAt";
  // The key is everything before the last two parts (a destination's name might hold the separator).
  if (keyed ? parts.length < 3 : parts.length !== 2) return null;
  const [time = "", id = ""] = parts.slice(-2);
  const createdAt = new Date(time);
  if (!ISO_TIME.test(time) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== time || !ID.test(id)) return null;
  if (!keyed) return { createdAt, id };
  const key = parts.slice(0, -2).join(SEPARATOR);
  if (by === "amount") return INTEGER.test(key) ? { key: Number(key), createdAt, id } : null;
  return TEXT_KEY.test(key) ? { key, createdAt, id } : null;
}
