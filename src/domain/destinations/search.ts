/**
 * Free-text destination search over what one catalog sells: names in any
 * supported language, ISO codes, aliases, flags, regions, unique prefixes,
 * names inside a sentence (Russian ones inflected), and typo suggestions.
 */
import { baseLanguage, isCountryCode } from "./country-names.ts";
import { flagCodes } from "./flags.ts";
import { entriesWithPrefix } from "./name-lookup.ts";
import { ANY_LANGUAGE, type NameEntry } from "./name-table.ts";
import { searchWords } from "./normalize.ts";
import { phraseEntries } from "./phrase-match.ts";
import { EXACT, IN_ORDER, LOOSE, PREFIX, resolve } from "./resolve-match.ts";
import { buildSearchTables, type SearchTables } from "./search-tables.ts";
import { typoSuggestions } from "./typo-suggestions.ts";
import type { DestinationIndex, DestinationMatch, DestinationRef } from "./types.ts";

/** Longer input is cut: nobody types a destination in more, and work stays bounded. */
const MAX_QUERY_CHARS = 200;
const MAX_QUERY_WORDS = 20;
const MIN_PREFIX_LENGTH = 3;
/** Words of a sentence checked one by one for typos ("esim for jpan"). */
const MAX_TYPO_WORDS = 10;
const EUROPEAN_UNION_FLAG = "EU";

/**
 * Builds the search over the destinations a catalog sells. Only these are
 * ever returned as found, ambiguous options or suggestions; other real
 * countries come back as "not-sold". Build it once per catalog: construction
 * takes milliseconds, a search microseconds.
 */
export function createDestinationIndex(destinations: readonly DestinationRef[]): DestinationIndex {
  const tables = buildSearchTables(destinations);
  return { search: (query, language) => searchDestinations(tables, query, language) };
}

/** Flags first, then names by ever looser matches, then typo suggestions. */
function searchDestinations(tables: SearchTables, query: string, userLanguage: string): DestinationMatch {
  const language = baseLanguage(userLanguage);
  const text = query.slice(0, MAX_QUERY_CHARS);
  const flags = flagEntries(text);
  const byFlag = flags.length > 0 ? resolve(tables, flags, language, IN_ORDER) : null;
  if (byFlag) return byFlag;

  const words = searchWords(text).slice(0, MAX_QUERY_WORDS);
  const key = words.join("");
  if (key === "") return { kind: "none", suggestions: [] };
  return nameMatch(tables, words, key, language) ?? { kind: "none", suggestions: suggestionsFor(tables, words, key, language) };
}

/** The destinations of the flags in the text: countries, and the EU flag for Europe. */
function flagEntries(text: string): NameEntry[] {
  return flagCodes(text).flatMap((code): NameEntry[] => {
    if (code === EUROPEAN_UNION_FLAG) return [{ destination: { kind: "region", code: "europe" }, language: ANY_LANGUAGE }];
    return isCountryCode(code) ? [{ destination: { kind: "country", code }, language: ANY_LANGUAGE }] : [];
  });
}

/**
 * The first kind of match that answers: a whole name, a code, the tail of a
 * name ("korea"), the start of a whole name, the start of a tail, names
 * inside a sentence.
 */
function nameMatch(tables: SearchTables, words: readonly string[], key: string, language: string): DestinationMatch | null {
  const { names, fullKeys, partialKeys } = tables;
  const code = /^[a-z]{2,3}$/.test(key) ? names.codes.get(key) : undefined;
  const prefixed = key.length >= MIN_PREFIX_LENGTH;
  return (
    resolve(tables, names.full.get(key) ?? [], language, EXACT) ??
    (code ? resolve(tables, [{ destination: code, language: ANY_LANGUAGE }], language, EXACT) : null) ??
    resolve(tables, names.partial.get(key) ?? [], language, LOOSE) ??
    (prefixed ? resolve(tables, entriesWithPrefix(fullKeys, names.full, key), language, PREFIX) : null) ??
    (prefixed ? resolve(tables, entriesWithPrefix(partialKeys, names.partial, key), language, LOOSE) : null) ??
    resolve(tables, phraseEntries(tables, words, language), language, IN_ORDER)
  );
}

/** Typo suggestions for the whole input or, when it is a sentence that gives none, for its words. */
function suggestionsFor(tables: SearchTables, words: readonly string[], key: string, language: string): DestinationRef[] {
  const whole = typoSuggestions(tables, [key], language);
  return whole.length > 0 || words.length < 2 ? whole : typoSuggestions(tables, words.slice(0, MAX_TYPO_WORDS), language);
}
