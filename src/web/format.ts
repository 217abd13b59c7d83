/** How the dashboard writes dates, money and numbers in the page's language (UTC: operators may be anywhere). */
import { formatPrice } from "../domain/pricing.ts";

export function formatDateTime(date: Date | null, lang: string): string {
  if (!date) return "—";
  return `${new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}

export function formatMoney(amount: number, currency: string, lang: string): string {
  return formatPrice(amount, currency, lang);
}

export function formatNumber(value: number, lang: string, digits = 0): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** JSON that is safe inside a <script> element (no "</script>" can close it). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
