/**
 * How the dashboard writes dates, money and numbers in the page's language
 * (UTC: operators may be anywhere). Building an Intl formatter costs far
 * more than using one (a 50-row table spent most of its time building
 * them), so each is built once per language and options and reused: they
 * are immutable, and there are at most 3 languages × a handful of options.
 */
import { formatPrice } from "../domain/pricing.ts";

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(lang: string): Intl.DateTimeFormat {
  const key = `date|${lang}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })));
  return format;
}

function numberFormat(lang: string, digits: number): Intl.NumberFormat {
  const key = `number|${lang}|${digits}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits })));
  return format;
}

export function formatDateTime(date: Date | null, lang: string): string {
  return date ? `${dateFormat(lang).format(date)} UTC` : "—";
}

export function formatMoney(amount: number, currency: string, lang: string): string {
  return formatPrice(amount, currency, lang);
}

export function formatNumber(value: number, lang: string, digits = 0): string {
  return numberFormat(lang, digits).format(value);
}

/** JSON that is safe inside a <script> element (no "</script>" can close it). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
