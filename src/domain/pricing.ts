/**
 * Retail pricing: the upstream cost in US cents, plus the reseller's markup,
 * converted to the payment currency and rounded to a price a shop would show.
 * Pure functions; amounts are integers in the currency's smallest unit
 * (whole Stars for XTR).
 */

/** How the shop prices plans. */
export interface PricingPolicy {
  /** "XTR" for Telegram Stars, else an ISO 4217 code. */
  currency: string;
  /** Units of `currency` per US dollar. */
  perUsd: number;
  markupPercent: number;
}

/** Digits after the decimal point in a currency's smallest unit (XTR: 0). */
export function currencyExponent(currency: string): number {
  if (currency === "XTR") return 0;
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** The price a traveller pays, in the currency's smallest unit. */
export function retailPrice(costUsdCents: number, policy: PricingPolicy): number {
  const usd = (costUsdCents / 100) * (1 + policy.markupPercent / 100);
  const exponent = currencyExponent(policy.currency);
  // Round to 6 decimals first so float noise (5.000000001) does not round up a whole unit.
  const units = Math.ceil(Number((usd * policy.perUsd * 10 ** exponent).toFixed(6)));
  return roundUpToShopPrice(Math.max(units, 1), policy.currency, exponent);
}

/**
 * Stars: whole Stars, then multiples of 5 from 50 up (347 → 350).
 * Cents-based currencies: prices end in 9 (5.63 → 5.69).
 * Zero-decimal currencies (JPY): multiples of 10.
 */
function roundUpToShopPrice(units: number, currency: string, exponent: number): number {
  if (currency === "XTR") return units >= 50 ? Math.ceil(units / 5) * 5 : units;
  if (exponent === 0) return Math.ceil(units / 10) * 10;
  return Math.ceil((units + 1) / 10) * 10 - 1;
}

/** Formats an amount for people: "350 ⭐" or "$5.69" / "5,69 €" in the user's locale. */
export function formatPrice(amount: number, currency: string, locale: string): string {
  if (currency === "XTR") return `${amount} ⭐`;
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount / 10 ** exponent);
}
