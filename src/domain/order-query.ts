/**
 * What an operator typed after /admin, read as the ways it may name orders:
 * an order id, a Telegram charge id, an ICCID (full, or its last digits), a
 * user id or an @username. A string may be several at once (digits are a
 * user id and an ICCID tail): the look-up tries each reading.
 */

/** The readings of one query. */
export interface OrderQuery {
  /** The text as typed, trimmed (an order id or a charge id are tried as is). */
  text: string;
  /** A Telegram user id, when the text is one. */
  userId: number | null;
  /** Digits that may end an ICCID (4 or more; a full ICCID is 18–22). */
  iccidDigits: string | null;
  /** A username, lower case, without @. */
  username: string | null;
}

const USERNAME = /^@?([a-z][a-z0-9_]{3,31})$/i;
const DIGITS = /^\d+$/;

/** Reads a query; null when it is empty or too long to name anything. */
export function parseOrderQuery(raw: string): OrderQuery | null {
  const text = raw.trim();
  if (text === "" || text.length > 100) return null;
  const digits = DIGITS.test(text) ? text : null;
  const asNumber = digits === null ? NaN : Number(digits);
  return {
    text,
    userId: Number.isSafeInteger(asNumber) && asNumber > 0 ? asNumber : null,
    iccidDigits: digits !== null && digits.length >= 4 && digits.length <= 22 ? digits : null,
    username: USERNAME.exec(text)?.[1]?.toLowerCase() ?? null,
  };
}
