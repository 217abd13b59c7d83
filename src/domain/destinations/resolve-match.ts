/**
 * Turns the destinations a query names into an answer. Sold destinations
 * win; a single unsold country is "not-sold"; an unsold region falls back to
 * wider sold ones.
 */
import { copyOf, distinct, languageGroups } from "./name-lookup.ts";
import type { NameEntry } from "./name-table.ts";
import { REGION_FALLBACKS, REGION_SEARCH_NAMES } from "./regions.ts";
import type { SearchTables } from "./search-tables.ts";
import type { DestinationMatch, DestinationRef } from "./types.ts";

const MAX_OPTIONS = 8;
/** Worldwide first, then regions in their listed order, then countries. */
const REGION_ORDER = ["global", ...REGION_SEARCH_NAMES.map((region) => region.destination.code)];

/** How much a kind of match may conclude. */
export interface MatchStrength {
  /** Options keep the order the user typed them in (flags, names in a sentence) instead of alphabetical. */
  keepOrder: boolean;
  /** Unsold places matched may be answered as "not-sold" or with wider regions. */
  answersForUnsold: boolean;
  /** Names in languages other than the user's, English and the bot's count ("Simbabwe" for "sim" would not). */
  anyLanguage: boolean;
}
/** A whole name or code. */
export const EXACT: MatchStrength = { keepOrder: false, answersForUnsold: true, anyLanguage: true };
/** Flags and names in a sentence, in the order typed. */
export const IN_ORDER: MatchStrength = { keepOrder: true, answersForUnsold: true, anyLanguage: true };
/** The start of a whole name. */
export const PREFIX: MatchStrength = { keepOrder: false, answersForUnsold: true, anyLanguage: false };
/** The tail of a name, or the start of one. */
export const LOOSE: MatchStrength = { keepOrder: false, answersForUnsold: false, anyLanguage: false };

/** The answer for these named destinations, or null to let the next kind of match try. */
export function resolve(
  tables: SearchTables,
  entries: readonly NameEntry[],
  language: string,
  strength: MatchStrength,
): DestinationMatch | null {
  let unsold: DestinationRef[] | null = null;
  for (const inGroup of languageGroups(language, strength.anyLanguage)) {
    const targets = distinct(entries.filter(inGroup).map((entry) => entry.destination));
    if (targets.length === 0) continue;
    const answer = soldAnswer(tables, targets.filter(tables.isSold), language, strength);
    if (answer) return answer;
    unsold ??= targets;
  }
  // A loose match (the tail of one name) on unsold places says too little to answer for them.
  if (!unsold || !strength.answersForUnsold) return null;
  return unsoldAnswer(tables, unsold);
}

/** One sold destination is found, several are options; none, null. */
function soldAnswer(tables: SearchTables, sold: DestinationRef[], language: string, strength: MatchStrength): DestinationMatch | null {
  const [only] = sold;
  if (only && sold.length === 1) return { kind: "found", destination: copyOf(only) };
  if (sold.length === 0) return null;
  const ordered = strength.keepOrder ? sold : displayOrder(tables, sold, language);
  return { kind: "ambiguous", options: ordered.slice(0, MAX_OPTIONS).map(copyOf) };
}

/** One unsold country is "not-sold"; unsold regions suggest wider sold ones; a mix says nothing. */
function unsoldAnswer(tables: SearchTables, unsold: readonly DestinationRef[]): DestinationMatch | null {
  const countries = unsold.filter((destination) => destination.kind === "country");
  const [country] = countries;
  if (country && unsold.length === 1) return { kind: "not-sold", countryCode: country.code };
  if (countries.length === 0) return { kind: "none", suggestions: regionFallbacks(tables, unsold) };
  return null;
}

function displayOrder(tables: SearchTables, options: DestinationRef[], language: string): DestinationRef[] {
  const rank = (destination: DestinationRef): number =>
    destination.kind === "country" ? REGION_ORDER.length : Math.max(0, REGION_ORDER.indexOf(destination.code));
  return [...options].sort((a, b) => rank(a) - rank(b) || tables.byName(a, b, language));
}

/** The sold wider destinations of unsold regions (a Balkans traveller gets Europe), worldwide last. */
function regionFallbacks(tables: SearchTables, regions: readonly DestinationRef[]): DestinationRef[] {
  const wider = regions.flatMap((region) => (REGION_FALLBACKS[region.code] ?? []).map((code): DestinationRef => ({ kind: "region", code })));
  return distinct([...wider, { kind: "global", code: "global" }]).filter(tables.isSold).map(copyOf);
}
