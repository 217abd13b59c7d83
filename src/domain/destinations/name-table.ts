/**
 * The lookup tables behind the destination search: every name of every
 * country, region and worldwide, in every supported language, folded to
 * search keys. Built per index (a few milliseconds), never at import time.
 */
import { COUNTRY_ALIASES } from "./aliases.ts";
import { COUNTRY_NAME_LANGUAGES, countryCodes, countryNames } from "./country-names.ts";
import { searchKey, searchWords } from "./normalize.ts";
import { REGION_SEARCH_NAMES } from "./regions.ts";
import type { DestinationRef } from "./types.ts";

/** Marks names that belong to no language in particular (region ids, catalog codes). */
export const ANY_LANGUAGE = "*";

/** One way to name a destination, and the language it is a name in. */
export interface NameEntry {
  readonly destination: DestinationRef;
  readonly language: string;
}

/** Search key → the destinations it names. */
export type NameMap = Map<string, NameEntry[]>;

/** All the ways the world is named, by kind of match. */
export interface NameTable {
  /** Whole names and aliases: "unitedkingdom", "англия", "europa". */
  readonly full: NameMap;
  /** Whole names and aliases with their word breaks kept ("south korea"), for finding names inside sentences. */
  readonly phrases: NameMap;
  /** Trailing words of multi-word names: "korea" (South/North Korea), "zealand", "congo". */
  readonly partial: NameMap;
  /** Lower-case ISO alpha-2 and alpha-3 codes: "jp", "jpn". */
  readonly codes: ReadonlyMap<string, DestinationRef>;
}

/**
 * Words that never start a partial name: "republic of the congo" yields
 * "congo" but not "ofthecongo"; "islands" alone would name dozens of places.
 */
const GENERIC_WORDS = new Set(
  [
    ...["of", "the", "and", "republic", "islands", "island", "democratic", "peoples", "federated", "federation"],
    ...["state", "states", "united", "kingdom", "saint", "st", "south", "north", "city", "territory", "part"],
    ...["и", "республика", "острова", "остров", "государство", "народная", "демократическая", "федерация"],
    ...["объединенные", "соединенные", "южная", "северная", "острів", "острови", "республіка"],
    ...["de", "del", "la", "las", "los", "el", "y", "e", "republica", "islas", "isla", "estado", "estados"],
    ...["unidos", "reino", "democratica", "popular", "federacion", "san", "santa", "sur", "norte"],
    ...["du", "des", "le", "les", "et", "do", "da", "dos", "das", "di", "della", "ile", "iles", "isole"],
    ...["ilhas", "inseln", "republique", "repubblica", "republik", "und"],
  ].map(searchKey),
);
/** Shorter partial keys ("man" of "Isle of Man") match too much. */
const MIN_PARTIAL_KEY = 4;

function add(map: NameMap, key: string, entry: NameEntry): void {
  if (key === "") return;
  const entries = map.get(key);
  if (!entries) map.set(key, [entry]);
  else if (!entries.some((e) => e.language === entry.language && sameDestination(e.destination, entry.destination))) entries.push(entry);
}

/** True when two destinations are the same place. */
export function sameDestination(a: DestinationRef, b: DestinationRef): boolean {
  return a.kind === b.kind && a.code === b.code;
}

/** Indexes a whole name (or alias) under its key and its words. */
function addFullName(table: NameTable, name: string, entry: NameEntry): void {
  const words = searchWords(name);
  add(table.full, words.join(""), entry);
  add(table.phrases, words.join(" "), entry);
}

/**
 * The forms of a library name worth indexing: itself, without its
 * parenthesised part ("Holy See (Vatican City State)" → "Holy See") and
 * without its inverted tail ("Moldova, Republic of" → "Moldova").
 */
function nameVariants(name: string): string[] {
  const withoutParentheses = name.replace(/\s*\([^)]*\)/g, "");
  const beforeComma = name.split(",")[0] ?? name;
  return [...new Set([name, withoutParentheses, beforeComma])];
}

function addCountryName(table: NameTable, name: string, entry: NameEntry): void {
  for (const variant of nameVariants(name)) {
    addFullName(table, variant, entry);
    const words = searchWords(variant);
    for (let start = 1; start < words.length; start += 1) {
      const first = words[start];
      const key = words.slice(start).join("");
      if (first !== undefined && !GENERIC_WORDS.has(first) && key.length >= MIN_PARTIAL_KEY) add(table.partial, key, entry);
    }
  }
}

/** Builds the names of every ISO country, every known region and worldwide. */
export function buildNameTable(): NameTable {
  const table: NameTable = { full: new Map(), phrases: new Map(), partial: new Map(), codes: new Map() };
  const codes = table.codes as Map<string, DestinationRef>;
  for (const [alpha2, alpha3] of countryCodes()) {
    const destination: DestinationRef = { kind: "country", code: alpha2 };
    codes.set(alpha2.toLowerCase(), destination);
    codes.set(alpha3.toLowerCase(), destination);
    for (const language of COUNTRY_NAME_LANGUAGES) {
      for (const name of countryNames(alpha2, language)) addCountryName(table, name, { destination, language });
    }
  }
  for (const [language, aliases] of Object.entries(COUNTRY_ALIASES)) {
    for (const [alias, codes] of Object.entries(aliases)) {
      for (const code of typeof codes === "string" ? [codes] : codes) {
        addFullName(table, alias, { destination: { kind: "country", code }, language });
      }
    }
  }
  for (const { destination, names } of REGION_SEARCH_NAMES) {
    addFullName(table, destination.code, { destination, language: ANY_LANGUAGE });
    for (const [language, list] of Object.entries(names)) {
      for (const name of list) addFullName(table, name, { destination, language });
    }
  }
  return table;
}

/**
 * Adds a whole name in a language the tables do not cover (an endonym):
 * findable as typed, or in a sentence, but not by its tail, so names in
 * many more languages do not turn short words into places.
 */
export function addWholeName(table: NameTable, name: string, entry: NameEntry): void {
  for (const variant of nameVariants(name)) addFullName(table, variant, entry);
}

/**
 * Makes a sold destination that the tables do not know findable by its
 * code: a region id added upstream ("scandinavia") or an unusual country code.
 */
export function addCodeName(table: NameTable, destination: DestinationRef): void {
  addFullName(table, destination.code, { destination, language: ANY_LANGUAGE });
}
