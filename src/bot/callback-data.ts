/**
 * Callback data of the My eSIMs and top-up buttons, in one place because
 * notifications, the list and deep links all lead to the same handlers.
 * Every handler checks that the eSIM in the data belongs to the presser:
 * callback data can be forged.
 */

/** My eSIMs: the menu entry, a page of the list, one eSIM's card, refresh, QR again. */
export const MY_ESIMS = {
  menu: "menu:mysims",
  page: (page: number) => `my:l:${page}`,
  card: (esimId: string) => `my:c:${esimId}`,
  refresh: (esimId: string) => `my:r:${esimId}`,
  qr: (esimId: string) => `my:q:${esimId}`,
  pagePattern: /^my:l:(\d{1,4})$/,
  cardPattern: /^my:c:([\w-]{1,40})$/,
  refreshPattern: /^my:r:([\w-]{1,40})$/,
  qrPattern: /^my:q:([\w-]{1,40})$/,
} as const;

/** Top-up: the options for an eSIM, and one option chosen. */
export const TOP_UP = {
  options: (esimId: string) => `tu:${esimId}`,
  choose: (esimId: string, planId: string) => `tu:${esimId}:${planId}`,
  optionsPattern: /^tu:([\w-]{1,40})$/,
  choosePattern: /^tu:([\w-]{1,40}):([\w.-]{1,40})$/,
} as const;

/** Telegram's limit on callback data. */
export const MAX_CALLBACK_BYTES = 64;
