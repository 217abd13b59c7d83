/**
 * Where an octopus product works. The API gives each product an alpha-3
 * country code, "GLO" for worldwide, or (for regional products, which the
 * document does not describe) a code of its own, so:
 *
 * 1. a code that is an ISO 3166-1 alpha-3 country is that country, whatever
 *    the name says ("South Africa eSIM" is not the Africa region);
 * 2. otherwise a name that names a region ("Europe eSIM", "Asia Pacific") is
 *    that region, even under "GLO";
 * 3. otherwise "GLO" is worldwide;
 * 4. anything else is unknown, and the product is skipped.
 */
import countries from "i18n-iso-countries";
import {
  GLOBAL_COUNTRIES,
  REGION_COUNTRIES,
  type DestinationRef,
  type RegionId,
} from "../../domain/destinations/index.ts";
import { GLOBAL_COUNTRY_CODE } from "./wire.ts";

/** A product's destination and the ISO alpha-2 codes it covers. */
export interface ProductDestination {
  destination: DestinationRef;
  coverage: string[];
}

/** Alpha-3 codes seen in the wild that the ISO library spells differently. */
const ALPHA3_ALIASES: Readonly<Record<string, string>> = { XKX: "XK" };

/** Region names in product names, most specific first ("Middle East & North Africa" is the Middle East). */
const REGION_PATTERNS: readonly (readonly [RegionId, RegExp])[] = [
  ["balkans", /\bbalkans?\b/],
  ["caribbean", /\bcaribbean\b/],
  ["latin-america", /\b(latin|south|central)\s+america\b|\blatam\b/],
  ["north-america", /\bnorth\s+america\b/],
  ["middle-east", /\bmiddle\s+east\b|\bmena\b|\bgulf\b/],
  ["oceania", /\boceania\b|\baustralia\s*(&|and)\s*new\s+zealand\b/],
  ["asia", /\basia\b|\bapac\b/],
  ["africa", /\bafrica\b/],
  ["europe", /\beurope\b|\beuropean\b|\beu\b/],
];

/** The alpha-2 code of an alpha-3 country code, or undefined if it is not one. */
export function alpha3ToAlpha2(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  return ALPHA3_ALIASES[upper] ?? countries.alpha3ToAlpha2(upper);
}

/** The region a product name names, or undefined. */
export function regionInName(name: string): RegionId | undefined {
  const text = name.toLowerCase();
  return REGION_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
}

/** The destination of a product, or null when it cannot be placed (see the rules above). */
export function productDestination(product: { country_code: string; name: string }): ProductDestination | null {
  const country = alpha3ToAlpha2(product.country_code);
  if (country) return { destination: { kind: "country", code: country }, coverage: [country] };
  const region = regionInName(product.name);
  if (region) return { destination: { kind: "region", code: region }, coverage: [...REGION_COUNTRIES[region]] };
  if (product.country_code.trim().toUpperCase() === GLOBAL_COUNTRY_CODE) {
    return { destination: { kind: "global", code: "global" }, coverage: [...GLOBAL_COUNTRIES] };
  }
  return null;
}
