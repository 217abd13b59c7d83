/**
 * Which countries each region and the worldwide destination cover: the
 * shop's own idea of a region, for providers that sell a region without
 * listing its countries (octopus) and for the built-in fakes' catalogs.
 */
import type { RegionId } from "./types.ts";

const EU_MEMBERS = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/** The countries each region covers. */
export const REGION_COUNTRIES: Readonly<Record<RegionId, readonly string[]>> = {
  europe: [
    ...EU_MEMBERS,
    "GB", "IS", "NO", "CH", "LI", "MC", "AD", "SM", "VA", "GI", "GG", "JE", "IM", "AX", "FO",
    "AL", "BA", "ME", "MK", "RS", "XK", "MD", "UA", "TR",
  ],
  asia: [
    "CN", "HK", "MO", "TW", "JP", "KR", "SG", "MY", "TH", "VN", "ID", "PH",
    "KH", "LA", "BN", "IN", "LK", "BD", "NP", "PK", "MV", "MN", "KZ", "UZ",
  ],
  "north-america": ["US", "CA", "MX"],
  "latin-america": [
    "MX", "GT", "SV", "HN", "NI", "CR", "PA", "CO", "EC", "PE", "BO", "CL", "AR", "UY", "PY", "BR", "GF",
  ],
  caribbean: [
    "AG", "AI", "AW", "BB", "BL", "BQ", "BS", "CW", "DM", "DO", "GD", "GP", "HT", "JM",
    "KN", "KY", "LC", "MF", "MQ", "MS", "PR", "SX", "TC", "TT", "VC", "VG", "VI",
  ],
  "middle-east": ["AE", "BH", "EG", "IL", "IQ", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "TR"],
  africa: [
    "DZ", "EG", "MA", "TN", "ZA", "KE", "TZ", "UG", "RW", "ET", "NG", "GH", "SN",
    "CI", "CM", "BW", "NA", "ZM", "ZW", "MW", "MZ", "MG", "MU", "SC", "RE",
  ],
  oceania: ["AU", "NZ", "FJ", "PG", "WS", "TO", "VU", "NC", "PF", "SB", "GU", "MP"],
  balkans: ["AL", "BA", "BG", "GR", "HR", "ME", "MK", "RO", "RS", "SI", "XK"],
};

/**
 * Countries of the worldwide destination: the regions travellers cross most,
 * plus the main hubs of Africa, the Caribbean and Oceania.
 */
export const GLOBAL_COUNTRIES: readonly string[] = [
  ...new Set([
    ...REGION_COUNTRIES.europe,
    ...REGION_COUNTRIES.asia,
    ...REGION_COUNTRIES["north-america"],
    ...REGION_COUNTRIES["latin-america"],
    ...REGION_COUNTRIES["middle-east"],
    "GE", "AM", "AZ",
    "ZA", "KE", "TZ", "UG", "NG", "GH", "MA", "TN", "MU", "SC",
    "DO", "JM", "PR", "BS", "BB",
    "AU", "NZ", "FJ", "GU",
  ]),
];
