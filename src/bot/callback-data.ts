/**
 * Every callback data string of the bot, in one place: for each family of
 * buttons a builder, and a parser that gives the handler typed values. A
 * button and its handler therefore cannot drift apart.
 *
 * - Telegram limits callback data to 64 bytes: builders whose input is not
 *   bounded here (a provider's plan id) return null when the data would not
 *   fit, and the button is left out.
 * - Callback data can be forged: parsers accept only what the builders make
 *   and return null for anything else. Handlers still check that an eSIM
 *   named in the data belongs to the presser.
 * - Fixed buttons (the menu's, Cancel, Pay…) are plain constants, matched by
 *   equality (grammY's `callbackQuery("menu:buy")`).
 */
import { RECENT_BUYER_DAYS, type Audience } from "../domain/broadcast.ts";
import { ORDER_ACTIONS, type OrderAction } from "../domain/order-card.ts";
import { isSalesPeriod, type SalesPeriod } from "../domain/sales.ts";
import type { DestinationRef } from "../domain/destinations/index.ts";
import { isLanguage, type Language } from "../services/languages.ts";

/** Telegram's limit on callback data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;

// What parsers accept: our eSIM ids, a provider's plan ids, destinations ("country:JP").
const LANGUAGE_DATA = /^lang:(\w{2})$/;
const MY_ESIMS_PAGE = /^my:l:(\d{1,4})$/;
const MY_ESIMS_ESIM = /^my:([crq]):([\w-]{1,40})$/;
const TOP_UP_OPTIONS = /^tu:([\w-]{1,40})$/;
const TOP_UP_CHOOSE = /^tu:([\w-]{1,40}):([\w.-]{1,40})$/;
const RENEW_DATA = /^renew:(country|region|global):([\w-]{2,32})$/;
const BUY_DESTINATION = /^buy:dest:(country|region|global):([\w-]{2,32})$/;
const BUY_DATA = /^buy:data:(\d{1,9})$/;
const BUY_VALIDITY = /^buy:val:(\d{1,2})$/;
const BUY_PLAN = /^buy:plan:(\d{1,2})$/;
const START_DESTINATION = /^start:(country|region|global):([\w-]{2,32})$/;
const TRIP_DATA = /^tr:([\w-]{1,40}):(?:(\d{4}-\d{2}-\d{2})|p(\d{1,2})|(skip|ask))$/;
const INSTALL_DATA = /^inst:(ok|help):([\w-]{1,40})$/;
const ADMIN_MENU_DATA = /^adm:m:([a-z][a-z-]{0,23})$/;
const BROADCAST_AUDIENCE = /^adm:bc:a:(all|esim|d(\d{1,3}))$/;

/** The main menu's buttons. */
export const MENU = {
  buy: "menu:buy",
  mysims: "menu:mysims",
  language: "menu:language",
  help: "menu:help",
} as const;

/** /language: one button per language. */
export const LANGUAGE = {
  choose: (language: Language) => `lang:${language}`,
} as const;

/** The language on a language button, or null. */
export function parseLanguageButton(data: string): Language | null {
  const code = LANGUAGE_DATA.exec(data)?.[1];
  return isLanguage(code) ? code : null;
}

/** My eSIMs: a page of the list, one eSIM's card, refresh, QR again. */
export const MY_ESIMS = {
  page: (page: number) => `my:l:${page}`,
  card: (esimId: string) => `my:c:${esimId}`,
  refresh: (esimId: string) => `my:r:${esimId}`,
  qr: (esimId: string) => `my:q:${esimId}`,
} as const;

/** A My eSIMs button as its handler sees it. */
export type MyEsimsButton = { kind: "page"; page: number } | { kind: "card" | "refresh" | "qr"; esimId: string };

/** Parses a My eSIMs button, or null. */
export function parseMyEsimsButton(data: string): MyEsimsButton | null {
  const page = MY_ESIMS_PAGE.exec(data);
  if (page) return { kind: "page", page: Number(page[1]) };
  const esim = MY_ESIMS_ESIM.exec(data);
  if (!esim) return null;
  const kind = esim[1] === "c" ? "card" : esim[1] === "r" ? "refresh" : "qr";
  return { kind, esimId: esim[2]! };
}

/** Top-up: the options for an eSIM, and one option chosen. */
export const TOP_UP = {
  options: (esimId: string) => `tu:${esimId}`,
  /** Null when the ids would not fit in a button (the option is then not offered). */
  choose: (esimId: string, planId: string): string | null => fitting(`tu:${esimId}:${planId}`, parseTopUpButton),
} as const;

/** A top-up button as its handler sees it. */
export type TopUpButton = { kind: "options"; esimId: string } | { kind: "choose"; esimId: string; planId: string };

/** Parses a top-up button, or null. */
export function parseTopUpButton(data: string): TopUpButton | null {
  const options = TOP_UP_OPTIONS.exec(data);
  if (options) return { kind: "options", esimId: options[1]! };
  const choose = TOP_UP_CHOOSE.exec(data);
  return choose ? { kind: "choose", esimId: choose[1]!, planId: choose[2]! } : null;
}

/** "Buy again" on an expired eSIM: a new purchase for the same destination. */
export const RENEW = {
  data: (destination: DestinationRef) => `renew:${destination.kind}:${destination.code}`,
} as const;

/** The destination on a "Buy again" button, or null. */
export function parseRenewButton(data: string): DestinationRef | null {
  return parseDestination(RENEW_DATA.exec(data));
}

/** A popular destination on the /start menu: its plans in one tap. */
export const START = {
  destination: (destination: DestinationRef) => `start:${destination.kind}:${destination.code}`,
} as const;

/** The destination on a /start menu button, or null. */
export function parseStartButton(data: string): DestinationRef | null {
  return parseDestination(START_DESTINATION.exec(data));
}

/** "When do you leave?" after delivery: a day (ISO date), a page of the date picker, skip, or ask again. */
export const TRIP = {
  /** `day` is "YYYY-MM-DD". */
  day: (esimId: string, day: string) => `tr:${esimId}:${day}`,
  page: (esimId: string, page: number) => `tr:${esimId}:p${page}`,
  skip: (esimId: string) => `tr:${esimId}:skip`,
  ask: (esimId: string) => `tr:${esimId}:ask`,
} as const;

/** A trip-date button as its handler sees it. The day is only well-formed: the handler checks it is a real, allowed day. */
export type TripButton =
  | { kind: "day"; esimId: string; day: string }
  | { kind: "page"; esimId: string; page: number }
  | { kind: "skip" | "ask"; esimId: string };

/** Parses a trip-date button, or null. */
export function parseTripButton(data: string): TripButton | null {
  const match = TRIP_DATA.exec(data);
  if (!match) return null;
  const [, esimId, day, page, word] = match;
  if (day) return { kind: "day", esimId: esimId!, day };
  if (page) return { kind: "page", esimId: esimId!, page: Number(page) };
  return { kind: word === "skip" ? "skip" : "ask", esimId: esimId! };
}

/** "Did it work?": Installed, or I need help. */
export const INSTALL = {
  installed: (esimId: string) => `inst:ok:${esimId}`,
  help: (esimId: string) => `inst:help:${esimId}`,
} as const;

/** An install-check button as its handler sees it. */
export type InstallButton = { kind: "installed" | "help"; esimId: string };

/** Parses an install-check button, or null. */
export function parseInstallButton(data: string): InstallButton | null {
  const match = INSTALL_DATA.exec(data);
  return match ? { kind: match[1] === "ok" ? "installed" : "help", esimId: match[2]! } : null;
}

/** The purchase conversation's buttons. */
export const BUY = {
  cancel: "buy:cancel",
  back: "buy:back",
  regions: "buy:regions",
  popular: "buy:popular",
  pay: "buy:pay",
  devices: "buy:devices",
  summary: "buy:summary",
  /** From the plan picker to the data step, then validity. */
  steps: "buy:steps",
  destination: (destination: DestinationRef) => `buy:dest:${destination.kind}:${destination.code}`,
  data: (dataMb: number) => `buy:data:${dataMb}`,
  /** The n-th validity shown (plan ids can be long; the conversation knows the list). */
  validity: (index: number) => `buy:val:${index}`,
  /** The n-th plan of the plan picker. */
  plan: (index: number) => `buy:plan:${index}`,
} as const;

/** Every callback data of the purchase conversation starts with this. */
export const BUY_PREFIX = "buy:";

/** A purchase button as the conversation sees it. */
export type BuyButton =
  | { kind: "cancel" | "back" | "regions" | "popular" | "pay" | "devices" | "summary" | "steps" }
  | { kind: "destination"; destination: DestinationRef }
  | { kind: "data"; dataMb: number }
  | { kind: "validity"; index: number }
  | { kind: "plan"; index: number };

const FIXED_BUY_KINDS = ["cancel", "back", "regions", "popular", "pay", "devices", "summary", "steps"] as const;

/** Parses a purchase button, or null. */
export function parseBuyButton(data: string): BuyButton | null {
  const fixed = FIXED_BUY_KINDS.find((kind) => BUY[kind] === data);
  if (fixed) return { kind: fixed };
  const destination = parseDestination(BUY_DESTINATION.exec(data));
  if (destination) return { kind: "destination", destination };
  const dataMb = BUY_DATA.exec(data);
  if (dataMb) return { kind: "data", dataMb: Number(dataMb[1]) };
  const validity = BUY_VALIDITY.exec(data);
  if (validity) return { kind: "validity", index: Number(validity[1]) };
  const plan = BUY_PLAN.exec(data);
  return plan ? { kind: "plan", index: Number(plan[1]) } : null;
}

/** Every operator button starts with this; the bot answers them only for operators (ADMIN_IDS). */
export const ADMIN_PREFIX = "adm:";

/** Whether the data belongs to an operator button (a forged one included). */
export function isAdminData(data: string): boolean {
  return data.startsWith(ADMIN_PREFIX);
}

/** The /admin menu: one button per entry, named by the entry's id (lower-case letters and "-"). */
export const ADMIN = {
  menu: (entryId: string) => `adm:m:${entryId}`,
} as const;

/** The entry id on an /admin menu button, or null. */
export function parseAdminMenuButton(data: string): string | null {
  return ADMIN_MENU_DATA.exec(data)?.[1] ?? null;
}

/** The broadcast conversation's buttons. */
export const BROADCAST = {
  send: "adm:bc:send",
  back: "adm:bc:back",
  edit: "adm:bc:edit",
  cancel: "adm:bc:cancel",
  audience: (audience: Audience) => `adm:bc:a:${audienceCode(audience)}`,
} as const;

/** Every callback data of the broadcast conversation starts with this. */
export const BROADCAST_PREFIX = "adm:bc:";

/** A broadcast button as the conversation sees it. */
export type BroadcastButton = { kind: "send" | "back" | "edit" | "cancel" } | { kind: "audience"; audience: Audience };

const FIXED_BROADCAST_KINDS = ["send", "back", "edit", "cancel"] as const;

/** Parses a broadcast button, or null. */
export function parseBroadcastButton(data: string): BroadcastButton | null {
  const fixed = FIXED_BROADCAST_KINDS.find((kind) => BROADCAST[kind] === data);
  if (fixed) return { kind: fixed };
  const match = BROADCAST_AUDIENCE.exec(data);
  if (!match) return null;
  if (match[1] === "all") return { kind: "audience", audience: { kind: "all" } };
  if (match[1] === "esim") return { kind: "audience", audience: { kind: "active-esim" } };
  const days = RECENT_BUYER_DAYS.find((choice) => choice === Number(match[2]));
  return days ? { kind: "audience", audience: { kind: "recent-buyers", days } } : null;
}

function audienceCode(audience: Audience): string {
  switch (audience.kind) {
    case "all":
      return "all";
    case "active-esim":
      return "esim";
    case "recent-buyers":
      return `d${audience.days}`;
  }
}

/** An order's card on the operator side: open it, ask to confirm an action on a card version, confirm it. */
export const ADMIN_ORDER = {
  /** Sends the card as a new message. */
  card: (orderId: string) => `adm:o:c:${orderId}`,
  /** Shows the card again in the pressed message (Refresh, Back). */
  refresh: (orderId: string) => `adm:o:e:${orderId}`,
  ask: (action: OrderAction, orderId: string, version: number) => `adm:o:a:${ACTION_CODES[action]}:${orderId}:${version}`,
  confirm: (action: OrderAction, orderId: string, version: number) => `adm:o:y:${ACTION_CODES[action]}:${orderId}:${version}`,
} as const;

const ACTION_CODES: Record<OrderAction, string> = { retry: "r", resend: "s", refund: "f", resolve: "v" };
const ADMIN_ORDER_CARD = /^adm:o:([ce]):([\w-]{1,40})$/;
const ADMIN_ORDER_ACTION = /^adm:o:([ay]):([rsfv]):([\w-]{1,40}):(\d{1,6})$/;

/** An order button as its handler sees it. */
export type AdminOrderButton =
  | { kind: "card"; orderId: string }
  | { kind: "refresh"; orderId: string }
  | OrderActionButton;

/** An action button: ask to confirm it, or confirm it, on a card version. */
export interface OrderActionButton {
  kind: "ask" | "confirm";
  action: OrderAction;
  orderId: string;
  version: number;
}

/** Parses an order button, or null. */
export function parseAdminOrderButton(data: string): AdminOrderButton | null {
  const card = ADMIN_ORDER_CARD.exec(data);
  if (card) return card[1] === "c" ? { kind: "card", orderId: card[2]! } : { kind: "refresh", orderId: card[2]! };
  const match = ADMIN_ORDER_ACTION.exec(data);
  if (!match) return null;
  const action = ORDER_ACTIONS.find((candidate) => ACTION_CODES[candidate] === match[2]);
  if (!action) return null;
  return { kind: match[1] === "a" ? "ask" : "confirm", action, orderId: match[3]!, version: Number(match[4]) };
}

/** Needs attention (a page) and sales (a period). */
export const ADMIN_VIEWS = {
  attention: (page: number) => `adm:at:${page}`,
  sales: (period: SalesPeriod) => `adm:s:${period}`,
} as const;

const ADMIN_ATTENTION = /^adm:at:(\d{1,4})$/;
const ADMIN_SALES = /^adm:s:([\w]{1,8})$/;

/** The page on a needs-attention button, or null. */
export function parseAttentionButton(data: string): number | null {
  const match = ADMIN_ATTENTION.exec(data);
  return match ? Number(match[1]) : null;
}

/** The period on a sales button, or null. */
export function parseSalesButton(data: string): SalesPeriod | null {
  const period = ADMIN_SALES.exec(data)?.[1];
  return period !== undefined && isSalesPeriod(period) ? period : null;
}

/** The note conversation's buttons (a note for Mark resolved, or for a card payment refunded outside the shop). */
export const ORDER_NOTE = {
  confirm: "adm:on:ok",
  cancel: "adm:on:cancel",
} as const;

/** Every callback data of the note conversation starts with this. */
export const ORDER_NOTE_PREFIX = "adm:on:";

/** The button under every broadcast, for travellers: no more news. */
export const NEWS = {
  stop: "news:stop",
} as const;

function parseDestination(match: RegExpExecArray | null): DestinationRef | null {
  return match ? { kind: match[1] as DestinationRef["kind"], code: match[2]! } : null;
}

/** The data when it fits Telegram's limit and parses back, else null. */
function fitting(data: string, parse: (data: string) => unknown): string | null {
  return Buffer.byteLength(data) <= MAX_CALLBACK_BYTES && parse(data) !== null ? data : null;
}
