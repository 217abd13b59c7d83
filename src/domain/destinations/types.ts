/** Types shared by the destination search files. */

/**
 * A destination the search can return. Structurally the provider port's
 * `DestinationRef`, redeclared because domain code imports nothing of ours.
 */
export interface SearchableDestination {
  kind: "country" | "region" | "global";
  /** ISO 3166-1 alpha-2 upper-case for countries, a region id for regions, "global" for worldwide. */
  code: string;
}

/** What a free-text destination query resolved to. */
export type DestinationMatch =
  /** Exactly one sold destination fits. */
  | { kind: "found"; destination: SearchableDestination }
  /** Several sold destinations fit ("Congo", "Virgin Islands", "Japan or Korea"): let the user pick. */
  | { kind: "ambiguous"; options: SearchableDestination[] }
  /** A real country that the catalog does not sell; the caller may offer plans covering it. */
  | { kind: "not-sold"; countryCode: string }
  /** Nothing fits; `suggestions` are sold destinations with a similar name, closest first (may be empty). */
  | { kind: "none"; suggestions: SearchableDestination[] };

/** A search over the destinations one catalog sells, built once by `createDestinationIndex`. */
export interface DestinationIndex {
  /**
   * Resolves what a user typed. `language` (e.g. "ru", "es-MX") decides which
   * language wins when a name means different places in different languages;
   * names in every supported language are found whatever it is.
   */
  search(query: string, language: string): DestinationMatch;
}
