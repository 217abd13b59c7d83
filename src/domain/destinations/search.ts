/**
 * Free-text destination search over what one catalog sells: names in any
 * supported language, ISO codes, aliases, flags, regions, unique prefixes,
 * names inside a sentence (Russian ones inflected), and typo suggestions.
 */
import { baseLanguage, countryName, isCountryCode } from "./country-names.ts";
import { flagCodes } from "./flags.ts";
import { baseFormCandidates } from "./inflection.ts";
import { copyOf, distinct, entriesWithPrefix, idOf, languageGroups, languageRank, sortedKeys } from "./name-lookup.ts";
import { ANY_LANGUAGE, addCodeName, buildNameTable, type NameEntry } from "./name-table.ts";
import { searchWords } from "./normalize.ts";
import { REGION_FALLBACKS, REGION_SEARCH_NAMES } from "./regions.ts";
import { typoDistance } from "./typo-distance.ts";
import type { DestinationIndex, DestinationMatch, DestinationRef } from "./types.ts";

/** Longer input is cut: nobody types a destination in more, and work stays bounded. */
const MAX_QUERY_CHARS = 200;
const MAX_QUERY_WORDS = 20;
/** The longest name in words ("Saint Vincent and the Grenadines"). */
const MAX_PHRASE_WORDS = 5;
const MIN_PREFIX_LENGTH = 3;
/** Names inside a sentence must be this long, so "us" in "for us" is no country. */
const MIN_PHRASE_KEY_LENGTH = 3;
const MAX_OPTIONS = 8;
/** Words of a sentence checked one by one for typos ("esim for jpan"). */
const MAX_TYPO_WORDS = 10;
const MAX_SUGGESTIONS = 5;
const EUROPEAN_UNION_FLAG = "EU";

/** How far (in edits) a typo may be from a name of this many letters. */
function typoTolerance(length: number): number {
  if (length < 4) return 0;
  if (length <= 6) return 1;
  if (length <= 10) return 2;
  return 3;
}

/** How much a kind of match may conclude. */
interface MatchStrength {
  /** Options keep the order the user typed them in (flags, names in a sentence) instead of alphabetical. */
  keepOrder: boolean;
  /** Unsold places matched may be answered as "not-sold" or with wider regions. */
  answersForUnsold: boolean;
  /** Names in languages other than the user's, English and the bot's count ("Simbabwe" for "sim" would not). */
  anyLanguage: boolean;
}
const EXACT: MatchStrength = { keepOrder: false, answersForUnsold: true, anyLanguage: true };
const IN_ORDER: MatchStrength = { keepOrder: true, answersForUnsold: true, anyLanguage: true };
const PREFIX: MatchStrength = { keepOrder: false, answersForUnsold: true, anyLanguage: false };
const LOOSE: MatchStrength = { keepOrder: false, answersForUnsold: false, anyLanguage: false };

const REGION_ORDER = ["global", ...REGION_SEARCH_NAMES.map((region) => region.destination.code)];

/**
 * Builds the search over the destinations a catalog sells. Only these are
 * ever returned as found, ambiguous options or suggestions; other real
 * countries come back as "not-sold". Build it once per catalog: construction
 * takes milliseconds, a search microseconds.
 */
export function createDestinationIndex(destinations: readonly DestinationRef[]): DestinationIndex {
  const table = buildNameTable();
  const knownRegions = new Set(REGION_SEARCH_NAMES.map((region) => region.destination.code));
  const sold = new Set<string>();
  for (const given of destinations) {
    const destination: DestinationRef = given.kind === "country" ? { kind: "country", code: given.code.toUpperCase() } : copyOf(given);
    sold.add(idOf(destination));
    const known = destination.kind === "country" ? isCountryCode(destination.code) : knownRegions.has(destination.code);
    if (!known) addCodeName(table, destination);
  }
  const isSold = (destination: DestinationRef): boolean => sold.has(idOf(destination));
  const fullKeys = sortedKeys(table.full);
  const partialKeys = sortedKeys(table.partial);
  /** Every (key, name) of a sold destination, by key length: what typos are compared with. */
  const typoCandidates = new Map<number, { key: string; entry: NameEntry }[]>();
  for (const map of [table.full, table.partial]) {
    for (const [key, entries] of map) {
      for (const entry of entries) {
        if (!isSold(entry.destination)) continue;
        const sameLength = typoCandidates.get(key.length) ?? [];
        sameLength.push({ key, entry });
        typoCandidates.set(key.length, sameLength);
      }
    }
  }

  const collators = new Map<string, Intl.Collator>();
  /** Compares destinations by their names in the user's language. */
  const byName = (a: DestinationRef, b: DestinationRef, language: string): number => {
    let collator = collators.get(language);
    if (!collator) {
      collator = new Intl.Collator(language);
      collators.set(language, collator);
    }
    return collator.compare(countryName(a.code, language), countryName(b.code, language));
  };

  const displayOrder = (options: DestinationRef[], language: string): DestinationRef[] => {
    const rank = (destination: DestinationRef): number =>
      destination.kind === "country" ? REGION_ORDER.length : Math.max(0, REGION_ORDER.indexOf(destination.code));
    return [...options].sort((a, b) => rank(a) - rank(b) || byName(a, b, language));
  };

  const regionFallbacks = (regions: readonly DestinationRef[]): DestinationRef[] => {
    const wider = regions.flatMap((region) => (REGION_FALLBACKS[region.code] ?? []).map((code): DestinationRef => ({ kind: "region", code })));
    return distinct([...wider, { kind: "global", code: "global" }]).filter(isSold).map(copyOf);
  };

  /**
   * Turns the destinations a query names into an answer, or null to let the
   * next kind of match try. Sold destinations win; a single unsold country
   * is "not-sold"; an unsold region falls back to wider sold ones.
   */
  const resolve = (entries: readonly NameEntry[], language: string, strength: MatchStrength): DestinationMatch | null => {
    let unsold: DestinationRef[] | null = null;
    for (const inGroup of languageGroups(language, strength.anyLanguage)) {
      const targets = distinct(entries.filter(inGroup).map((entry) => entry.destination));
      if (targets.length === 0) continue;
      const soldTargets = targets.filter(isSold);
      const [only] = soldTargets;
      if (only && soldTargets.length === 1) return { kind: "found", destination: copyOf(only) };
      if (soldTargets.length > 1) {
        const ordered = strength.keepOrder ? soldTargets : displayOrder(soldTargets, language);
        return { kind: "ambiguous", options: ordered.slice(0, MAX_OPTIONS).map(copyOf) };
      }
      unsold ??= targets;
    }
    // A loose match (the tail of one name) on unsold places says too little to answer for them.
    if (!unsold || !strength.answersForUnsold) return null;
    const countries = unsold.filter((destination) => destination.kind === "country");
    const [country] = countries;
    if (country && unsold.length === 1) return { kind: "not-sold", countryCode: country.code };
    if (countries.length === 0) return { kind: "none", suggestions: regionFallbacks(unsold) };
    return null;
  };

  /** First words of multi-word names, to skip hopeless inflected pairs early. */
  const firstWords = new Set([...table.phrases.keys()].flatMap((phrase) => (phrase.includes(" ") ? [phrase.split(" ")[0] ?? ""] : [])));

  /** The names a run of typed words spells, as typed or inflected ("Южную Корею"); inflection is tried on one or two words. */
  const namesOfWords = (window: readonly string[]): NameEntry[] | undefined => {
    const phrase = window.join(" ");
    if (phrase.length < MIN_PHRASE_KEY_LENGTH) return undefined;
    const exact = table.phrases.get(phrase);
    if (exact) return exact;
    const [first, second] = window;
    if (first === undefined) return undefined;
    if (window.length === 1) {
      for (const base of baseFormCandidates(first)) {
        const entries = base.length >= MIN_PHRASE_KEY_LENGTH ? table.phrases.get(base) : undefined;
        if (entries) return entries;
      }
    } else if (window.length === 2 && second !== undefined) {
      for (const firstBase of baseFormCandidates(first)) {
        if (!firstWords.has(firstBase)) continue;
        for (const secondBase of baseFormCandidates(second)) {
          const entries = table.phrases.get(`${firstBase} ${secondBase}`);
          if (entries) return entries;
        }
      }
    }
    return undefined;
  };

  /**
   * Names found among the words ("eSIM for Japan", "Japan and Korea", "в
   * Турцию"), longest first, in the order typed. Each name's language is
   * weighed on its own, so "Корею … Japan" keeps both places.
   */
  const phraseEntries = (words: readonly string[], language: string): NameEntry[] => {
    const found: { at: number; entries: NameEntry[] }[] = [];
    const covered = new Array<boolean>(words.length).fill(false);
    for (let size = Math.min(MAX_PHRASE_WORDS, words.length); size >= 1; size -= 1) {
      for (let start = 0; start + size <= words.length; start += 1) {
        if (covered.slice(start, start + size).some(Boolean)) continue;
        // Word breaks must match: "to go" is not Togo.
        const entries = namesOfWords(words.slice(start, start + size));
        if (!entries) continue;
        const preferred = languageGroups(language, true).map((inGroup) => entries.filter(inGroup)).find((group) => group.length > 0) ?? [];
        found.push({ at: start, entries: preferred.map((entry) => ({ destination: entry.destination, language: ANY_LANGUAGE })) });
        covered.fill(true, start, start + size);
      }
    }
    return found.sort((a, b) => a.at - b.at).flatMap((hit) => hit.entries);
  };

  /** Sold destinations whose names are a few typos away from the key, closest first. */
  const typoSuggestions = (keys: readonly string[], language: string): DestinationRef[] => {
    const best = new Map<string, { destination: DestinationRef; edits: number; rank: number }>();
    for (const key of new Set(keys)) {
      const tolerance = typoTolerance(key.length);
      if (tolerance === 0) continue;
      const near: { key: string; entry: NameEntry }[] = [];
      for (let length = key.length - tolerance; length <= key.length + tolerance; length += 1) near.push(...(typoCandidates.get(length) ?? []));
      for (const candidate of near) {
        const edits = typoDistance(key, candidate.key, tolerance);
        if (edits === null) continue;
        const id = idOf(candidate.entry.destination);
        const rank = languageRank(candidate.entry, language);
        const previous = best.get(id);
        if (!previous || edits < previous.edits || (edits === previous.edits && rank < previous.rank)) {
          best.set(id, { destination: candidate.entry.destination, edits, rank });
        }
      }
    }
    return [...best.values()]
      .sort((a, b) => a.edits - b.edits || a.rank - b.rank || byName(a.destination, b.destination, language))
      .slice(0, MAX_SUGGESTIONS)
      .map((suggestion) => copyOf(suggestion.destination));
  };

  const flagEntries = (text: string): NameEntry[] =>
    flagCodes(text).flatMap((code): NameEntry[] => {
      if (code === EUROPEAN_UNION_FLAG) return [{ destination: { kind: "region", code: "europe" }, language: ANY_LANGUAGE }];
      return isCountryCode(code) ? [{ destination: { kind: "country", code }, language: ANY_LANGUAGE }] : [];
    });

  const search = (query: string, userLanguage: string): DestinationMatch => {
    const language = baseLanguage(userLanguage);
    const text = query.slice(0, MAX_QUERY_CHARS);
    const flags = flagEntries(text);
    const byFlag = flags.length > 0 ? resolve(flags, language, IN_ORDER) : null;
    if (byFlag) return byFlag;

    const words = searchWords(text).slice(0, MAX_QUERY_WORDS);
    const key = words.join("");
    if (key === "") return { kind: "none", suggestions: [] };
    const code = /^[a-z]{2,3}$/.test(key) ? table.codes.get(key) : undefined;
    const attempts: (() => DestinationMatch | null)[] = [
      () => resolve(table.full.get(key) ?? [], language, EXACT),
      () => (code ? resolve([{ destination: code, language: ANY_LANGUAGE }], language, EXACT) : null),
      () => resolve(table.partial.get(key) ?? [], language, LOOSE),
      () => (key.length >= MIN_PREFIX_LENGTH ? resolve(entriesWithPrefix(fullKeys, table.full, key), language, PREFIX) : null),
      () => (key.length >= MIN_PREFIX_LENGTH ? resolve(entriesWithPrefix(partialKeys, table.partial, key), language, LOOSE) : null),
      () => resolve(phraseEntries(words, language), language, IN_ORDER),
    ];
    for (const attempt of attempts) {
      const match = attempt();
      if (match) return match;
    }
    const whole = typoSuggestions([key], language);
    const suggestions = whole.length > 0 || words.length < 2 ? whole : typoSuggestions(words.slice(0, MAX_TYPO_WORDS), language);
    return { kind: "none", suggestions };
  };

  return { search };
}
