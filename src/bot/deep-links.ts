/**
 * Deep links into the bot (`https://t.me/<bot>?start=<payload>`, which the
 * bot receives as `/start <payload>`): the payload builders and the one
 * parser the `/start` handlers share. Telegram allows up to 64 characters
 * from A–Z, a–z, 0–9, "_" and "-" in a payload.
 */

/** Where a deep link leads. */
export type DeepLink =
  | { kind: "plan"; planId: string }
  | { kind: "top-up"; esimId: string }
  | { kind: "my-esims" }
  | { kind: "admin" }
  /** The purchase: its destination search for a country (ISO alpha-2), or the destinations to pick from. */
  | { kind: "buy"; countryCode?: string };

const MAX_PAYLOAD_CHARS = 64;
const PAYLOAD_CHARS = /^[\w-]*$/;

// Parsing stays as lenient as typing "/start plan_…" by hand always was.
const PLAN = /^plan_([\w.-]{1,60})$/;
const TOP_UP = /^topup_([\w-]{1,40})$/;
const MY_ESIMS = "mysims";
const BUY = /^buy(?:_([A-Za-z]{2}))?$/;
// Opens /admin for operators; anyone else gets the plain /start greeting, as for any unknown payload.
const ADMIN = "admin";

/** `/start` payloads; null when Telegram could not carry the id (length, characters). */
export const START_PAYLOAD = {
  myEsims: MY_ESIMS,
  admin: ADMIN,
  buy: "buy",
  buyIn: (countryCode: string): string | null => carried(`buy_${countryCode}`),
  plan: (planId: string): string | null => carried(`plan_${planId}`),
  topUp: (esimId: string): string | null => carried(`topup_${esimId}`),
} as const;

/** What a `/start` payload asks for, or null for a plain /start or anything unknown. */
export function parseDeepLink(payload: string): DeepLink | null {
  const text = payload.trim();
  if (text === MY_ESIMS) return { kind: "my-esims" };
  if (text === ADMIN) return { kind: "admin" };
  const buy = BUY.exec(text);
  if (buy) return buy[1] ? { kind: "buy", countryCode: buy[1].toUpperCase() } : { kind: "buy" };
  const plan = PLAN.exec(text);
  if (plan) return { kind: "plan", planId: plan[1]! };
  const topUp = TOP_UP.exec(text);
  return topUp ? { kind: "top-up", esimId: topUp[1]! } : null;
}

/** The t.me link that opens the bot with a payload (none: a plain /start). */
export function deepLinkUrl(botUsername: string, payload = ""): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}

function carried(payload: string): string | null {
  return payload.length <= MAX_PAYLOAD_CHARS && PAYLOAD_CHARS.test(payload) && parseDeepLink(payload) !== null ? payload : null;
}
