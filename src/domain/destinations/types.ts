/**
 * Destinations as the whole shop speaks of them: the provider port, the
 * catalog, the search and the bot all use these types.
 */

/** Where a plan works: one country, a region, or the whole world. */
export type DestinationKind = "country" | "region" | "global";

/** Region ids used across providers; display names live in the locales. */
export const REGION_IDS = [
  "europe",
  "asia",
  "north-america",
  "latin-america",
  "caribbean",
  "middle-east",
  "africa",
  "oceania",
  "balkans",
] as const;
/** One of REGION_IDS. */
export type RegionId = (typeof REGION_IDS)[number];

/** A destination a plan is sold for. */
export interface DestinationRef {
  kind: DestinationKind;
  /** ISO 3166-1 alpha-2 upper-case for countries ("JP"), a RegionId for regions, "global" for worldwide. */
  code: string;
}

/** What a free-text destination query resolved to. */
export type DestinationMatch =
  /** Exactly one sold destination fits. */
  | { kind: "found"; destination: DestinationRef }
  /** Several sold destinations fit ("Congo", "Virgin Islands", "Japan or Korea"): let the user pick. */
  | { kind: "ambiguous"; options: DestinationRef[] }
  /** A real country that the catalog does not sell; the caller may offer plans covering it. */
  | { kind: "not-sold"; countryCode: string }
  /** Nothing fits; `suggestions` are sold destinations with a similar name, closest first (may be empty). */
  | { kind: "none"; suggestions: DestinationRef[] };

/** A search over the destinations one catalog sells, built once by `createDestinationIndex`. */
export interface DestinationIndex {
  /**
   * Resolves what a user typed. `language` (e.g. "ru", "es-MX") decides which
   * language wins when a name means different places in different languages;
   * names in every supported language are found whatever it is.
   */
  search(query: string, language: string): DestinationMatch;
}
