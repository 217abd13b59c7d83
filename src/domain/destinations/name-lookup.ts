/** Small lookups over the name tables, shared by the search steps. */
import { ANY_LANGUAGE, type NameEntry, type NameMap } from "./name-table.ts";
import type { DestinationRef } from "./types.ts";

/** The languages the bot speaks: a Russian speaker may well run Telegram in English. */
const BOT_LANGUAGES = new Set(["en", "ru", "es", ANY_LANGUAGE]);

/** A destination's identity as one string. */
export const idOf = (destination: DestinationRef): string => `${destination.kind}:${destination.code}`;
/** Results are fresh objects, so callers cannot change the index by changing them. */
export const copyOf = (destination: DestinationRef): DestinationRef => ({ kind: destination.kind, code: destination.code });

/** The destinations in first-seen order, each once. */
export function distinct(destinations: readonly DestinationRef[]): DestinationRef[] {
  const seen = new Map<string, DestinationRef>();
  for (const destination of destinations) if (!seen.has(idOf(destination))) seen.set(idOf(destination), destination);
  return [...seen.values()];
}

/** Keys of a map sorted, so all keys with a prefix are one contiguous run found by binary search. */
export function sortedKeys(map: NameMap): string[] {
  return [...map.keys()].sort();
}

/** The entries of every key in `keys` (sorted) that starts with `prefix`. */
export function entriesWithPrefix(keys: readonly string[], map: NameMap, prefix: string): NameEntry[] {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] ?? "") < prefix) low = middle + 1;
    else high = middle;
  }
  const entries: NameEntry[] = [];
  for (let i = low; i < keys.length; i += 1) {
    const key = keys[i];
    if (key === undefined || !key.startsWith(prefix)) break;
    entries.push(...(map.get(key) ?? []));
  }
  return entries;
}

/**
 * Which entries to trust first: the user's language, then English and
 * language-free names, then the bot's languages, then (if allowed) any.
 */
export function languageGroups(language: string, anyLanguage: boolean): ((entry: NameEntry) => boolean)[] {
  const groups: ((entry: NameEntry) => boolean)[] = [
    (entry) => entry.language === language,
    (entry) => entry.language === language || entry.language === "en" || entry.language === ANY_LANGUAGE,
    (entry) => entry.language === language || BOT_LANGUAGES.has(entry.language),
  ];
  if (anyLanguage) groups.push(() => true);
  return groups;
}

/** Rank of an entry's language for suggestions: the user's first, then English, then the rest. */
export function languageRank(entry: NameEntry, language: string): number {
  if (entry.language === language) return 0;
  return entry.language === "en" || entry.language === ANY_LANGUAGE ? 1 : 2;
}
