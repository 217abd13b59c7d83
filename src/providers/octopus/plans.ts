/**
 * Octopus variants as the port's plans.
 *
 * What the reseller pays — our reading of the document, which shows
 * `amount: 4.50, client_discount: 5.0` without defining either:
 * - `amount` is the list price of the variant in the variant's
 *   `currency_code`, before any discount;
 * - `client_discount` is a percentage off `amount` granted to this client
 *   (5.0 = 5 %, not 0.05 and not 5 currency units), so
 *   cost = amount × (1 − client_discount / 100), rounded to the cent
 *   (4.50 at 5 % → 4.275 → 4.28).
 * - Only USD is taken as is. A variant in another currency is converted only
 *   when the operator configured a rate for it (`usdRates`, USD per unit);
 *   without one it is skipped with a note, never sold at a guessed cost.
 *
 * Plan ids are "octo-<productId>-<variantId>": stable across refreshes, and
 * they carry the product id, which GET /products/:id needs for getPlan.
 */
import { gbToMb } from "../../domain/data-amount.ts";
import type { Plan } from "../port.ts";
import type { ProductDestination } from "./destinations.ts";
import type { WireVariant } from "./wire.ts";

/** USD value of one unit of a currency, e.g. `{ EUR: 1.08 }`. */
export type UsdRates = Readonly<Record<string, number>>;

/** The ids a plan id stands for. */
export interface OctopusPlanRef {
  productId: number;
  variantId: number;
}

const PLAN_ID = /^octo-([1-9]\d{0,14})-([1-9]\d{0,14})$/;

/** The plan id of a variant, e.g. "octo-712-5511". */
export function planIdOf(productId: number, variantId: number): string {
  return `octo-${productId}-${variantId}`;
}

/** The product and variant ids of a plan id, or null if it is not an octopus plan id. */
export function parsePlanId(planId: string): OctopusPlanRef | null {
  const match = PLAN_ID.exec(planId);
  if (!match?.[1] || !match[2]) return null;
  return { productId: Number(match[1]), variantId: Number(match[2]) };
}

/** The reseller's cost of a variant in US cents, or null when its currency has no known rate. */
export function variantCostUsdCents(variant: WireVariant, usdRates: UsdRates = {}): number | null {
  const currency = variant.currency_code.toUpperCase();
  const rate = currency === "USD" ? 1 : usdRates[currency];
  if (rate === undefined || !(rate > 0)) return null;
  // Work in cents first so 4.50 × 95 % is 427.5 cents exactly, which rounds to 428.
  const listCents = Math.round(variant.amount * rate * 100);
  return Math.round((listCents * (100 - variant.client_discount)) / 100);
}

/** The outcome of mapping one variant: a plan, or why it is not sold. */
export type VariantMapping = { ok: true; plan: Plan } | { ok: false; reason: string };

/** A variant of a product placed at `place` as a plan. */
export function variantToPlan(
  productId: number,
  place: ProductDestination,
  variant: WireVariant,
  usdRates?: UsdRates,
): VariantMapping {
  const costUsdCents = variantCostUsdCents(variant, usdRates);
  if (costUsdCents === null) {
    return { ok: false, reason: `priced in ${variant.currency_code}, and no USD rate is configured for it` };
  }
  return {
    ok: true,
    plan: {
      id: planIdOf(productId, variant.id),
      name: variant.name,
      destination: place.destination,
      coverage: [...place.coverage],
      dataMb: gbToMb(variant.data_amount_gb),
      validityDays: variant.validity_days,
      costUsdCents,
    },
  };
}
