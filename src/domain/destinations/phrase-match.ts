/**
 * Names inside a sentence ("eSIM for Japan", "Japan and Korea", "в
 * Турцию"): runs of typed words that spell a name, as typed or inflected.
 */
import { baseFormCandidates } from "./inflection.ts";
import { languageGroups } from "./name-lookup.ts";
import { ANY_LANGUAGE, type NameEntry } from "./name-table.ts";
import type { SearchTables } from "./search-tables.ts";

/** The longest name in words ("Saint Vincent and the Grenadines"). */
const MAX_PHRASE_WORDS = 5;
/** Names inside a sentence must be this long, so "us" in "for us" is no country. */
const MIN_PHRASE_KEY_LENGTH = 3;

/**
 * Names found among the words, longest first, in the order typed. Each
 * name's language is weighed on its own, so "Корею … Japan" keeps both places.
 */
export function phraseEntries(tables: SearchTables, words: readonly string[], language: string): NameEntry[] {
  const found: { at: number; entries: NameEntry[] }[] = [];
  const covered = new Array<boolean>(words.length).fill(false);
  for (let size = Math.min(MAX_PHRASE_WORDS, words.length); size >= 1; size -= 1) {
    for (let start = 0; start + size <= words.length; start += 1) {
      if (covered.slice(start, start + size).some(Boolean)) continue;
      // Word breaks must match: "to go" is not Togo.
      const entries = namesOfWords(tables, words.slice(start, start + size));
      if (!entries) continue;
      found.push({ at: start, entries: preferredNames(entries, language) });
      covered.fill(true, start, start + size);
    }
  }
  return found.sort((a, b) => a.at - b.at).flatMap((hit) => hit.entries);
}

/** The names in the most trusted language that has any, as names of no language in particular. */
function preferredNames(entries: readonly NameEntry[], language: string): NameEntry[] {
  const preferred = languageGroups(language, true).map((inGroup) => entries.filter(inGroup)).find((group) => group.length > 0) ?? [];
  return preferred.map((entry) => ({ destination: entry.destination, language: ANY_LANGUAGE }));
}

/** The names a run of typed words spells, as typed or inflected ("Южную Корею"). */
function namesOfWords(tables: SearchTables, window: readonly string[]): NameEntry[] | undefined {
  const phrase = window.join(" ");
  if (phrase.length < MIN_PHRASE_KEY_LENGTH) return undefined;
  const [first, second] = window;
  if (first === undefined) return undefined;
  // Inflection is tried on one or two words only.
  return (
    tables.names.phrases.get(phrase) ??
    (window.length === 1 ? inflectedWord(tables, first) : undefined) ??
    (window.length === 2 && second !== undefined ? inflectedPair(tables, first, second) : undefined)
  );
}

function inflectedWord(tables: SearchTables, word: string): NameEntry[] | undefined {
  for (const base of baseFormCandidates(word)) {
    const entries = base.length >= MIN_PHRASE_KEY_LENGTH ? tables.names.phrases.get(base) : undefined;
    if (entries) return entries;
  }
  return undefined;
}

function inflectedPair(tables: SearchTables, first: string, second: string): NameEntry[] | undefined {
  for (const firstBase of baseFormCandidates(first)) {
    if (!tables.firstWords.has(firstBase)) continue;
    for (const secondBase of baseFormCandidates(second)) {
      const entries = tables.names.phrases.get(`${firstBase} ${secondBase}`);
      if (entries) return entries;
    }
  }
  return undefined;
}
