/**
 * Destinations: the types every layer shares, the search the purchase
 * conversation runs on what a traveller types, and the country names and
 * flags shown on buttons.
 */
export { countryName, countryNames } from "./country-names.ts";
export { countryCodeFromFlag, flagCodes, flagEmoji } from "./flags.ts";
export { searchKey } from "./normalize.ts";
export { GLOBAL_COUNTRIES, REGION_COUNTRIES } from "./region-countries.ts";
export { createDestinationIndex } from "./search.ts";
export { REGION_IDS } from "./types.ts";
export type { DestinationIndex, DestinationKind, DestinationMatch, DestinationRef, RegionId } from "./types.ts";
