/**
 * The default catalog of the octopus fake: about a hundred products as the
 * real API would list them — popular countries under their alpha-3 codes,
 * regional products under codes of the API's own, "GLO" worldwide — each
 * with 2–5 variants at plausible USD list prices and client discounts, a
 * couple of products with no variants yet, and some without an image.
 * Built deterministically, so every start serves the same ids.
 */
import countries from "i18n-iso-countries";
import { countryName } from "../../../domain/destinations/country-names.ts";
import { COUNTRY_NETWORKS, MAJOR_DESTINATIONS, type PriceTier } from "../giapi-sandbox/catalog-data.ts";
import { alpha3ToAlpha2 } from "../../octopus/destinations.ts";
import { GLOBAL_COUNTRY_CODE, type WireProductDetails, type WireVariant } from "../../octopus/wire.ts";

/** A data amount in GB sold for a number of days. */
type Offer = readonly [dataGb: number, validityDays: number];

/** Countries sold one by one (ISO alpha-2), roughly by how often travellers go there. */
const COUNTRIES = [
  "US", "FR", "ES", "IT", "GB", "DE", "TR", "MX", "TH", "JP", "CN", "GR", "AT", "PT", "NL",
  "AE", "SA", "MY", "HK", "CA", "KR", "VN", "SG", "ID", "IN", "PL", "HU", "HR", "CZ", "CH",
  "IE", "BE", "DK", "SE", "NO", "FI", "IS", "RO", "BG", "RS", "UA", "GE", "AM", "AZ", "EG",
  "MA", "TN", "ZA", "KE", "TZ", "NG", "GH", "MU", "SC", "ET", "IL", "JO", "QA", "OM", "KW",
  "BH", "PH", "TW", "KH", "LA", "LK", "NP", "MV", "MN", "KZ", "UZ", "BR", "AR", "CL", "PE",
  "CO", "EC", "CR", "PA", "DO", "JM", "UY", "GT", "AU", "NZ", "FJ",
] as const;

/** Listed, but nothing on sale yet: the API returns them with an empty `variants`. */
const WITHOUT_VARIANTS = ["CU", "GL"] as const;

/** Regional products: name and the API's own code (none is an ISO country code). */
const REGIONAL: readonly (readonly [name: string, code: string, baseUsd: number])[] = [
  ["Europe eSIM", "EUR", 5],
  ["Asia Pacific", "APC", 7],
  ["Latin America", "LTM", 9],
  ["Middle East", "MEA", 8.5],
  ["Africa", "AFR", 12],
  ["Caribbean", "CRB", 11],
  ["Balkans", "BKN", 5.5],
  ["North America", "NOA", 8],
  ["Oceania", "OCE", 8.5],
];

const WORLDWIDE: readonly (readonly [name: string, baseUsd: number])[] = [
  ["Global Roaming", 12],
  ["Global Lite", 9.5],
];

/** List price of 1 GB for 7 days by the sandbox's country price tier. */
const TIER_BASE_USD: Readonly<Record<PriceTier, number>> = { 1: 4, 2: 4.5, 3: 6, 4: 9 };

const OFFER_SETS: readonly (readonly Offer[])[] = [
  [[1, 7], [3, 15], [5, 30], [10, 30], [20, 30]],
  [[1, 7], [3, 30], [10, 30]],
  [[1, 7], [5, 30]],
  [[1, 7], [2, 15], [5, 30], [10, 30]],
  [[3, 7], [5, 15], [10, 30], [20, 30]],
];

/** Discounts granted to the client, in percent off the list price. */
const DISCOUNTS = [0, 3, 5, 5, 7.5, 10] as const;

const FIRST_PRODUCT_ID = 701;
const FIRST_VARIANT_ID = 5501;

/** Builds the default catalog. */
export function buildOctopusFakeCatalog(): WireProductDetails[] {
  const tiers = new Map(COUNTRY_NETWORKS.map((c) => [c.code, c.tier]));
  const seeds: ProductSeed[] = [
    ...[...COUNTRIES, ...WITHOUT_VARIANTS].map((alpha2, i) => countrySeed(alpha2, tiers.get(alpha2) ?? 3, i)),
    ...REGIONAL.map(([name, code, baseUsd]): ProductSeed => ({ name, code, baseUsd, offers: OFFER_SETS[0]! })),
    ...WORLDWIDE.map(
      ([name, baseUsd]): ProductSeed => ({ name, code: GLOBAL_COUNTRY_CODE, baseUsd, offers: OFFER_SETS[3]! }),
    ),
  ];
  for (const [name, code] of REGIONAL) {
    if (alpha3ToAlpha2(code)) throw new Error(`octopus fake catalog: ${name}'s code ${code} is a country code`);
  }
  let variantId = FIRST_VARIANT_ID;
  return seeds.map((seed, index) => {
    const id = FIRST_PRODUCT_ID + index;
    const discount = DISCOUNTS[index % DISCOUNTS.length]!;
    const label = seed.name.replace(/ eSIM$/, "");
    const variants = seed.offers.map(([dataGb, validityDays]) =>
      variant({ id: variantId++, productId: id, label, discount }, seed, dataGb, validityDays),
    );
    return {
      id,
      name: seed.name,
      country_code: seed.code,
      currency_code: "USD",
      // Some products have no picture; the API sends "" for them.
      image_url: index % 9 === 4 ? "" : `https://cdn.octopus.test/esim/${seed.code.toLowerCase()}-${id}.png`,
      variants,
    };
  });
}

interface ProductSeed {
  name: string;
  /** Alpha-3, a regional code or GLO. */
  code: string;
  baseUsd: number;
  offers: readonly Offer[];
}

/** A country product; `index` varies the offers of the smaller destinations. */
function countrySeed(alpha2: string, tier: PriceTier, index: number): ProductSeed {
  const code = countries.alpha2ToAlpha3(alpha2);
  if (!code) throw new Error(`octopus fake catalog: no alpha-3 code for ${alpha2}`);
  const without = (WITHOUT_VARIANTS as readonly string[]).includes(alpha2);
  const varied = OFFER_SETS[index % OFFER_SETS.length]!;
  const offers = without ? [] : MAJOR_DESTINATIONS.has(alpha2) ? OFFER_SETS[0]! : varied;
  return { name: `${countryName(alpha2, "en")} eSIM`, code, baseUsd: TIER_BASE_USD[tier], offers };
}

/** Who a variant is: its id, its product's id, the name it starts with and the product's discount. */
interface VariantIdentity {
  id: number;
  productId: number;
  label: string;
  discount: number;
}

function variant(who: VariantIdentity, { baseUsd }: ProductSeed, dataGb: number, validityDays: number): WireVariant {
  const { id, productId, label, discount } = who;
  return {
    id,
    esim_product_id: productId,
    name: `${label} ${dataGb} GB / ${validityDays} days`,
    // Like the document's example, only some variants carry a description.
    ...(id % 2 === 0 ? { description: describe(validityDays) } : {}),
    currency_code: "USD",
    amount: listPriceUsd(baseUsd, dataGb, validityDays),
    data_amount_gb: dataGb,
    validity_days: validityDays,
    client_discount: discount,
  };
}

function describe(validityDays: number): string {
  return validityDays <= 7 ? "Data-only eSIM for short trips" : `Data-only eSIM, ${validityDays} days`;
}

/** Sub-linear in data (big plans cost less per GB), a little more for longer validity, to 10 cents. */
function listPriceUsd(baseUsd: number, dataGb: number, validityDays: number): number {
  const validityFactor = validityDays >= 30 ? 1.2 : validityDays >= 15 ? 1.1 : 1;
  return Math.max(1, Math.round(baseUsd * dataGb ** 0.7 * validityFactor * 10) / 10);
}
