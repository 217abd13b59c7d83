/**
 * What one catalog's destination search reads, built once per catalog: the
 * name tables (plus the codes of sold destinations they do not know), which
 * destinations are sold, sorted keys for prefix matches, typo candidates and
 * a name order.
 */
import { countryName, isCountryCode } from "./country-names.ts";
import { copyOf, idOf, sortedKeys } from "./name-lookup.ts";
import { endonymReader, endonymSearchLanguage } from "./endonyms.ts";
import { addCodeName, addWholeName, buildNameTable, type NameEntry, type NameTable } from "./name-table.ts";
import { REGION_SEARCH_NAMES } from "./regions.ts";
import type { DestinationRef } from "./types.ts";

/** A name of a sold destination under its search key, as a typo may resemble it. */
export interface TypoCandidate {
  key: string;
  entry: NameEntry;
}

/** The tables one catalog's search runs on. */
export interface SearchTables {
  readonly names: NameTable;
  /** True when the catalog sells the destination. */
  readonly isSold: (destination: DestinationRef) => boolean;
  /** Compares destinations by their names in a language. */
  readonly byName: (a: DestinationRef, b: DestinationRef, language: string) => number;
  /** Keys of `names.full`, sorted for prefix matches. */
  readonly fullKeys: readonly string[];
  /** Keys of `names.partial`, sorted for prefix matches. */
  readonly partialKeys: readonly string[];
  /** Every (key, name) of a sold destination, by key length: what typos are compared with. */
  readonly typoCandidates: ReadonlyMap<number, readonly TypoCandidate[]>;
  /** First words of multi-word names, to skip hopeless inflected pairs early. */
  readonly firstWords: ReadonlySet<string>;
}

/** Builds the tables for the destinations a catalog sells. */
export function buildSearchTables(destinations: readonly DestinationRef[]): SearchTables {
  const names = buildNameTable();
  // Before the keys are sorted: it may add names.
  const sold = registerSold(names, destinations);
  const isSold = (destination: DestinationRef): boolean => sold.has(idOf(destination));
  return {
    names,
    isSold,
    byName: nameOrder(),
    fullKeys: sortedKeys(names.full),
    partialKeys: sortedKeys(names.partial),
    typoCandidates: typoCandidatesByLength(names, isSold),
    firstWords: firstWordsOfPhrases(names),
  };
}

/** The ids of the sold destinations; those the tables do not know become findable by their code. */
function registerSold(names: NameTable, destinations: readonly DestinationRef[]): Set<string> {
  const knownRegions = new Set(REGION_SEARCH_NAMES.map((region) => region.destination.code));
  const sold = new Set<string>();
  for (const given of destinations) {
    const destination: DestinationRef = given.kind === "country" ? { kind: "country", code: given.code.toUpperCase() } : copyOf(given);
    sold.add(idOf(destination));
    const known = destination.kind === "country" ? isCountryCode(destination.code) : knownRegions.has(destination.code);
    if (!known) addCodeName(names, destination);
  }
  addEndonyms(names, destinations);
  return sold;
}

/** Every sold country also by its names in its own official languages (only sold ones: it is the costly part). */
function addEndonyms(names: NameTable, destinations: readonly DestinationRef[]): void {
  const endonyms = endonymReader();
  for (const { kind, code } of destinations) {
    if (kind !== "country" || !isCountryCode(code.toUpperCase())) continue;
    const destination: DestinationRef = { kind, code: code.toUpperCase() };
    for (const endonym of endonyms(code)) addWholeName(names, endonym.name, { destination, language: endonymSearchLanguage(endonym) });
  }
}

function typoCandidatesByLength(names: NameTable, isSold: SearchTables["isSold"]): Map<number, TypoCandidate[]> {
  const byLength = new Map<number, TypoCandidate[]>();
  for (const map of [names.full, names.partial]) {
    for (const [key, entries] of map) {
      for (const entry of entries) {
        if (!isSold(entry.destination)) continue;
        const sameLength = byLength.get(key.length) ?? [];
        sameLength.push({ key, entry });
        byLength.set(key.length, sameLength);
      }
    }
  }
  return byLength;
}

function firstWordsOfPhrases(names: NameTable): Set<string> {
  return new Set([...names.phrases.keys()].flatMap((phrase) => (phrase.includes(" ") ? [phrase.split(" ")[0] ?? ""] : [])));
}

/** Compares destinations by their names in the user's language, with one collator per language. */
function nameOrder(): SearchTables["byName"] {
  const collators = new Map<string, Intl.Collator>();
  return (a, b, language) => {
    let collator = collators.get(language);
    if (!collator) {
      collator = new Intl.Collator(language);
      collators.set(language, collator);
    }
    return collator.compare(countryName(a.code, language), countryName(b.code, language));
  };
}
